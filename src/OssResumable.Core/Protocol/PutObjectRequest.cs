using System;

namespace OssResumable.Core.Protocol;

/// <summary>A PutObject (single-request upload, up to 5 GB).</summary>
public sealed class PutObjectRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    /// <param name="body">The bytes to upload.</param>
    /// <param name="writeOptions">Object properties, or null for defaults.</param>
    public PutObjectRequest(string bucket, string key, RequestBody body, ObjectWriteOptions? writeOptions = null)
    {
        Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
        Key = key ?? throw new ArgumentNullException(nameof(key));
        Body = body ?? throw new ArgumentNullException(nameof(body));
        WriteOptions = writeOptions;
    }

    /// <summary>Bucket name.</summary>
    public string Bucket { get; }

    /// <summary>Object key.</summary>
    public string Key { get; }

    /// <summary>The bytes to upload.</summary>
    public RequestBody Body { get; }

    /// <summary>Object properties, or null for defaults.</summary>
    public ObjectWriteOptions? WriteOptions { get; }

    /// <summary>
    /// Receives byte counts as the body is sent (deltas; negative when a failed attempt's bytes are
    /// taken back before a retry, so the running total is always exact). Called on I/O threads.
    /// </summary>
    public Action<long>? Progress { get; set; }

    /// <summary>The bandwidth cap this body is sent under (shared with other requests), or null for none.</summary>
    public BandwidthLimiter? BandwidthLimiter { get; set; }

    /// <summary>
    /// Called before each retry of this request only, from the thread that ran the failed attempt
    /// (in addition to <see cref="OssClientOptions.RetryObserver"/>), e.g. to count or log the
    /// retries of one upload. Must be thread-safe and quick; exceptions it throws are ignored.
    /// </summary>
    public Action<OssRetryNotice>? RetryObserver { get; set; }
}
