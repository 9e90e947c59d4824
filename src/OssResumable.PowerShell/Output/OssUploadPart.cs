using System;

namespace OssResumable.PowerShell;

/// <summary>A part stored on OSS for an unfinished multipart upload (Get-OssUploadPart output).</summary>
public sealed class OssUploadPart
{
    internal OssUploadPart(string bucket, string key, string uploadId, int partNumber, long size, string eTag, string? crc64, DateTime lastModified)
    {
        Bucket = bucket;
        Key = key;
        UploadId = uploadId;
        PartNumber = partNumber;
        Size = size;
        ETag = eTag;
        Crc64 = crc64;
        LastModified = lastModified;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>The upload id.</summary>
    public string UploadId { get; }

    /// <summary>The part number (1–10,000).</summary>
    public int PartNumber { get; }

    /// <summary>Bytes in the part.</summary>
    public long Size { get; }

    /// <summary>The part's ETag as OSS reports it (with quotes).</summary>
    public string ETag { get; }

    /// <summary>
    /// CRC-64/XZ of the part as an unsigned decimal string (how OSS's <c>x-oss-hash-crc64ecma</c> and ossutil
    /// show it; text so JSON and CSV keep all 64 bits), or null when OSS did not report it.
    /// </summary>
    public string? Crc64 { get; }

    /// <summary>When the part was uploaded, in local time.</summary>
    public DateTime LastModified { get; }

    /// <inheritdoc />
    public override string ToString() => "part " + PartNumber + " of " + "oss://" + Bucket + "/" + Key;
}
