namespace OssResumable.Core.Protocol;

/// <summary>The outcome of an InitiateMultipartUpload.</summary>
public sealed class InitiateMultipartUploadResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key (URL-decoded).</param>
    /// <param name="uploadId">The new upload id.</param>
    /// <param name="requestId">Request id, or null.</param>
    public InitiateMultipartUploadResult(string bucket, string key, string uploadId, string? requestId)
    {
        Bucket = bucket;
        Key = key;
        UploadId = uploadId;
        RequestId = requestId;
    }

    /// <summary>Bucket name.</summary>
    public string Bucket { get; }

    /// <summary>Object key.</summary>
    public string Key { get; }

    /// <summary>The new upload id.</summary>
    public string UploadId { get; }

    /// <summary>Request id, or null.</summary>
    public string? RequestId { get; }
}
