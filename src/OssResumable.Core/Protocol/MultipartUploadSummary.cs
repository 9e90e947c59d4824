using System;

namespace OssResumable.Core.Protocol;

/// <summary>An in-progress multipart upload, as ListMultipartUploads reports it.</summary>
public sealed class MultipartUploadSummary
{
    /// <summary>Creates the summary.</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key (URL-decoded).</param>
    /// <param name="uploadId">Upload id.</param>
    /// <param name="initiated">When the upload was initiated.</param>
    /// <param name="storageClass">Storage class, or null.</param>
    public MultipartUploadSummary(string bucket, string key, string uploadId, DateTimeOffset initiated, string? storageClass)
    {
        Bucket = bucket;
        Key = key;
        UploadId = uploadId;
        Initiated = initiated;
        StorageClass = storageClass;
    }

    /// <summary>Bucket name.</summary>
    public string Bucket { get; }

    /// <summary>Object key.</summary>
    public string Key { get; }

    /// <summary>Upload id.</summary>
    public string UploadId { get; }

    /// <summary>When the upload was initiated (UTC).</summary>
    public DateTimeOffset Initiated { get; }

    /// <summary>Storage class, or null.</summary>
    public string? StorageClass { get; }

    /// <inheritdoc />
    public override string ToString() => Bucket + "/" + Key + " (" + UploadId + ")";
}
