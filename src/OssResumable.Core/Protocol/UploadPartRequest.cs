using System;

namespace OssResumable.Core.Protocol;

/// <summary>An UploadPart.</summary>
public sealed class UploadPartRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    /// <param name="uploadId">Upload id from InitiateMultipartUpload.</param>
    /// <param name="partNumber">Part number, 1 to 10000.</param>
    /// <param name="body">The part's bytes (at most 5 GiB).</param>
    public UploadPartRequest(string bucket, string key, string uploadId, int partNumber, RequestBody body)
    {
        Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
        Key = key ?? throw new ArgumentNullException(nameof(key));
        UploadId = uploadId ?? throw new ArgumentNullException(nameof(uploadId));
        PartNumber = partNumber;
        Body = body ?? throw new ArgumentNullException(nameof(body));
    }

    /// <summary>Bucket name.</summary>
    public string Bucket { get; }

    /// <summary>Object key.</summary>
    public string Key { get; }

    /// <summary>Upload id.</summary>
    public string UploadId { get; }

    /// <summary>Part number, 1 to 10000.</summary>
    public int PartNumber { get; }

    /// <summary>The part's bytes.</summary>
    public RequestBody Body { get; }

    /// <summary>
    /// Receives byte counts as the body is sent (deltas; negative when a failed attempt's bytes are
    /// taken back, so the running total is always exact — also when the part finally fails). Called on I/O threads.
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
