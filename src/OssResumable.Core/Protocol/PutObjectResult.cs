namespace OssResumable.Core.Protocol;

/// <summary>The outcome of a PutObject.</summary>
public sealed class PutObjectResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="eTag">ETag as returned (quoted).</param>
    /// <param name="crc64">CRC-64 of the uploaded bytes (matched OSS's value when OSS reported one).</param>
    /// <param name="versionId">Version id in versioned buckets, or null.</param>
    /// <param name="requestId">Request id, or null.</param>
    public PutObjectResult(string eTag, ulong crc64, string? versionId, string? requestId)
    {
        ETag = eTag;
        Crc64 = crc64;
        VersionId = versionId;
        RequestId = requestId;
    }

    /// <summary>ETag as returned (quoted).</summary>
    public string ETag { get; }

    /// <summary>CRC-64 of the uploaded bytes (matched OSS's value when OSS reported one).</summary>
    public ulong Crc64 { get; }

    /// <summary>Version id in versioned buckets, or null.</summary>
    public string? VersionId { get; }

    /// <summary>Request id, or null.</summary>
    public string? RequestId { get; }
}
