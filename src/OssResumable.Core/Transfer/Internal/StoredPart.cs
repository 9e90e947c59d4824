using System;
using System.Globalization;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>A part OSS has stored for the upload, with the values Complete and verification need.</summary>
internal sealed class StoredPart
{
    public StoredPart(int partNumber, long size, string eTag, ulong crc64)
    {
        PartNumber = partNumber;
        Size = size;
        ETag = eTag;
        Crc64 = crc64;
    }

    public int PartNumber { get; }

    public long Size { get; }

    public string ETag { get; }

    public ulong Crc64 { get; }

    public static StoredPart From(CheckpointPart part) => new(part.PartNumber, part.Size, part.ETag, part.Crc64);

    public static StoredPart From(UploadPartResult result) => new(result.PartNumber, result.Size, result.ETag, result.Crc64);

    /// <summary>ETags compare without their quotes and case-insensitively (they are hex digests).</summary>
    public static bool SameETag(string a, string b) =>
        string.Equals(a.Trim().Trim('"'), b.Trim().Trim('"'), StringComparison.OrdinalIgnoreCase);

    public CheckpointPart ToCheckpointPart() => new(PartNumber, Size, ETag, Crc64);

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "part {0} ({1} bytes, ETag {2}, CRC-64 {3})", PartNumber, Size, ETag, Crc64);
}
