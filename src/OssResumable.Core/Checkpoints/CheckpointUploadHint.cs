using System;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// The upload a damaged or unreadable-version checkpoint seems to describe. The values come from a file
/// that failed validation: use them only to abort that upload (cleanup), never to resume it.
/// </summary>
internal sealed class CheckpointUploadHint
{
    /// <summary>Creates a hint.</summary>
    /// <param name="endpoint">The endpoint, if it could be read.</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The object key.</param>
    /// <param name="uploadId">The upload ID.</param>
    public CheckpointUploadHint(string? endpoint, string bucket, string key, string uploadId)
    {
        Endpoint = endpoint;
        Bucket = bucket;
        Key = key;
        UploadId = uploadId;
    }

    /// <summary>The endpoint, if it could be read.</summary>
    public string? Endpoint { get; }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>The upload ID.</summary>
    public string UploadId { get; }

    /// <summary>
    /// When the file says the upload was initiated (the checkpoint's <c>createdUtc</c>, the upload ID
    /// record's <c>initiatedUtc</c>), if readable. Compared with the initiation time OSS lists, it lets
    /// a damaged file's upload ID be confirmed as ours before it is aborted.
    /// </summary>
    public DateTime? InitiatedUtc { get; internal set; }
}
