namespace OssResumable.Core.Protocol;

/// <summary>The outcome of a CompleteMultipartUpload.</summary>
public sealed class CompleteMultipartUploadResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key (URL-decoded).</param>
    /// <param name="eTag">The object's ETag (quoted, <c>"...-N"</c>).</param>
    /// <param name="crc64">CRC-64 of the whole object from <c>x-oss-hash-crc64ecma</c>, or null when absent.</param>
    /// <param name="location">The object URL OSS reported, or null.</param>
    /// <param name="versionId">Version id in versioned buckets, or null.</param>
    /// <param name="requestId">Request id, or null.</param>
    public CompleteMultipartUploadResult(string bucket, string key, string eTag, ulong? crc64, string? location, string? versionId, string? requestId)
    {
        Bucket = bucket;
        Key = key;
        ETag = eTag;
        Crc64 = crc64;
        Location = location;
        VersionId = versionId;
        RequestId = requestId;
    }

    /// <summary>Bucket name.</summary>
    public string Bucket { get; }

    /// <summary>Object key.</summary>
    public string Key { get; }

    /// <summary>The object's ETag (quoted).</summary>
    public string ETag { get; }

    /// <summary>CRC-64 of the whole object as OSS reported it, or null. Compare it with the combined part CRCs.</summary>
    public ulong? Crc64 { get; }

    /// <summary>The object URL OSS reported, or null.</summary>
    public string? Location { get; }

    /// <summary>Version id, or null.</summary>
    public string? VersionId { get; }

    /// <summary>Request id, or null.</summary>
    public string? RequestId { get; }
}
