using System;
using System.Globalization;

namespace OssResumable.Core.Protocol;

/// <summary>
/// A part OSS has stored for a multipart upload, with what CompleteMultipartUpload and the end-to-end
/// check need: number, size, ETag and CRC-64. It is what <see cref="IOssClient.UploadPartAsync"/>
/// returns, what a checkpoint records, and what a resumed upload keeps. (<see cref="ListedPart"/> is a
/// part as ListParts reports it, whose CRC-64 may be missing.)
/// </summary>
public sealed class StoredPart
{
    /// <summary>Creates the record of a stored part.</summary>
    /// <param name="partNumber">The part number (1–10,000).</param>
    /// <param name="size">The part's size in bytes (at least 1).</param>
    /// <param name="eTag">The ETag OSS returned for the part, as returned (quoted).</param>
    /// <param name="crc64">The part's CRC-64/XZ (<c>x-oss-hash-crc64ecma</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The number or size is out of range.</exception>
    /// <exception cref="ArgumentException">The ETag is empty.</exception>
    public StoredPart(int partNumber, long size, string eTag, ulong crc64)
    {
        if (partNumber < 1 || partNumber > OssClient.MaxPartNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(partNumber), partNumber, "Part numbers run from 1 to 10,000.");
        }

        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A stored part has at least one byte.");
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

    /// <summary>The ETag OSS returned for the part, as returned (quoted); CompleteMultipartUpload lists it.</summary>
    public string ETag { get; }

    /// <summary>The part's CRC-64/XZ, computed while it was sent and matched with OSS's <c>x-oss-hash-crc64ecma</c>.</summary>
    public ulong Crc64 { get; }

    /// <summary>ETags compare without their quotes and case-insensitively (they are hex digests).</summary>
    /// <param name="a">One ETag.</param>
    /// <param name="b">The other.</param>
    /// <returns>Whether they name the same content.</returns>
    public static bool SameETag(string a, string b) =>
        string.Equals(a.Trim().Trim('"'), b.Trim().Trim('"'), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "part {0} ({1} bytes, ETag {2}, CRC-64 {3})", PartNumber, Size, ETag, Crc64);
}
