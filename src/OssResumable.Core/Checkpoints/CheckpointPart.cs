using System;
using System.Globalization;

namespace OssResumable.Core.Checkpoints;

/// <summary>A part the server has acknowledged, as recorded in a checkpoint.</summary>
public sealed class CheckpointPart
{
    /// <summary>Creates a record of a completed part.</summary>
    /// <param name="partNumber">The part number (1–10,000).</param>
    /// <param name="size">The part's size in bytes (at least 1).</param>
    /// <param name="eTag">The ETag the server returned for the part.</param>
    /// <param name="crc64">The part's CRC-64/XZ (<c>x-oss-hash-crc64ecma</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The number or size is out of range.</exception>
    /// <exception cref="ArgumentException">The ETag is empty.</exception>
    public CheckpointPart(int partNumber, long size, string eTag, ulong crc64)
    {
        if (partNumber < 1 || partNumber > Upload.UploadLimits.MaxPartCount)
        {
            throw new ArgumentOutOfRangeException(nameof(partNumber), partNumber, "Part numbers run from 1 to 10,000.");
        }

        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A completed part has at least one byte.");
        }

        if (string.IsNullOrEmpty(eTag))
        {
            throw new ArgumentException("The part's ETag cannot be empty.", nameof(eTag));
        }

        PartNumber = partNumber;
        Size = size;
        ETag = eTag;
        Crc64 = crc64;
    }

    /// <summary>The part number (1–10,000).</summary>
    public int PartNumber { get; }

    /// <summary>The part's size in bytes.</summary>
    public long Size { get; }

    /// <summary>The ETag the server returned for the part, as returned.</summary>
    public string ETag { get; }

    /// <summary>The part's CRC-64/XZ, as OSS reports it in <c>x-oss-hash-crc64ecma</c>.</summary>
    public ulong Crc64 { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "part {0} ({1} bytes, ETag {2}, CRC-64 {3})", PartNumber, Size, ETag, Crc64);
}
