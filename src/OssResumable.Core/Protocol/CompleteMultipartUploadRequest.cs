using System;
using System.Collections.Generic;

namespace OssResumable.Core.Protocol;

/// <summary>A CompleteMultipartUpload with an explicit part list.</summary>
public sealed class CompleteMultipartUploadRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    /// <param name="uploadId">Upload id.</param>
    /// <param name="parts">The parts in strictly ascending part-number order (not sorted for you).</param>
    public CompleteMultipartUploadRequest(string bucket, string key, string uploadId, IReadOnlyList<CompletedPart> parts)
    {
        Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
        Key = key ?? throw new ArgumentNullException(nameof(key));
        UploadId = uploadId ?? throw new ArgumentNullException(nameof(uploadId));
        Parts = parts ?? throw new ArgumentNullException(nameof(parts));
    }

    /// <summary>Bucket name.</summary>
    public string Bucket { get; }

    /// <summary>Object key.</summary>
    public string Key { get; }

    /// <summary>Upload id.</summary>
    public string UploadId { get; }

    /// <summary>The parts in strictly ascending part-number order.</summary>
    public IReadOnlyList<CompletedPart> Parts { get; }

    /// <summary>Object ACL to set (<c>x-oss-object-acl</c>), or null.</summary>
    public string? ObjectAcl { get; set; }

    /// <summary>When true, Complete fails with 409 <c>FileAlreadyExists</c> if the key already exists.</summary>
    public bool ForbidOverwrite { get; set; }

    /// <summary>
    /// Called before each retry of this request only, from the thread that ran the failed attempt
    /// (in addition to <see cref="OssClientOptions.RetryObserver"/>), e.g. to count or log the
    /// retries of one upload. Must be thread-safe and quick; exceptions it throws are ignored.
    /// </summary>
    public Action<OssRetryNotice>? RetryObserver { get; set; }
}
