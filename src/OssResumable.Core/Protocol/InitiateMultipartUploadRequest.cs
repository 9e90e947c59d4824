using System;

namespace OssResumable.Core.Protocol;

/// <summary>An InitiateMultipartUpload.</summary>
public sealed class InitiateMultipartUploadRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    /// <param name="writeOptions">Properties of the final object (its ACL goes on Complete), or null.</param>
    public InitiateMultipartUploadRequest(string bucket, string key, ObjectWriteOptions? writeOptions = null)
    {
        Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
        Key = key ?? throw new ArgumentNullException(nameof(key));
        WriteOptions = writeOptions;
    }

    /// <summary>Bucket name.</summary>
    public string Bucket { get; }

    /// <summary>Object key.</summary>
    public string Key { get; }

    /// <summary>Properties of the final object, or null.</summary>
    public ObjectWriteOptions? WriteOptions { get; }

    /// <summary>
    /// Called before each retry of this request only, from the thread that ran the failed attempt
    /// (in addition to <see cref="OssClientOptions.RetryObserver"/>), e.g. to count or log the
    /// retries of one upload. Must be thread-safe and quick; exceptions it throws are ignored.
    /// </summary>
    public Action<OssRetryNotice>? RetryObserver { get; set; }
}
