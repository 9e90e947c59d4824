using System;
using System.Globalization;

namespace OssResumable.Core.Planning;

/// <summary>One part of a planned upload: its number and the byte range of the source file it covers.</summary>
public readonly struct PartRange : IEquatable<PartRange>
{
    /// <summary>Creates a part range.</summary>
    /// <param name="partNumber">The OSS part number (1-based).</param>
    /// <param name="offset">Offset of the first byte in the source file.</param>
    /// <param name="length">Number of bytes in the part.</param>
    public PartRange(int partNumber, long offset, long length)
    {
        PartNumber = partNumber;
        Offset = offset;
        Length = length;
    }

    /// <summary>The OSS part number (1-based).</summary>
    public int PartNumber { get; }

    /// <summary>Offset of the part's first byte in the source file.</summary>
    public long Offset { get; }

    /// <summary>Number of bytes in the part.</summary>
    public long Length { get; }

    /// <summary>Offset just past the part's last byte.</summary>
    public long End => Offset + Length;

    /// <summary>Compares two part ranges.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns><see langword="true"/> when number, offset and length are equal.</returns>
    public static bool operator ==(PartRange left, PartRange right) => left.Equals(right);

    /// <summary>Compares two part ranges.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns><see langword="true"/> when number, offset or length differ.</returns>
    public static bool operator !=(PartRange left, PartRange right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(PartRange other) =>
        PartNumber == other.PartNumber && Offset == other.Offset && Length == other.Length;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PartRange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        unchecked
        {
            int hash = PartNumber;
            hash = (hash * 397) ^ Offset.GetHashCode();
            return (hash * 397) ^ Length.GetHashCode();
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "part {0}: bytes {1}-{2} ({3} bytes)", PartNumber, Offset, End - 1, Length);
}
