using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Protocol;

/// <summary>
/// The seam between the upload engine and OSS: exactly the operations the engine uses, plus the
/// endpoint they go to and how they are signed and addressed (recorded in checkpoints, so that a
/// resume reaches the upload the same way). <see cref="OssClient"/> implements it over HTTP with
/// signing, retries and CRC-64 checks; engine tests use a small in-memory fake. Operations only tests
/// and tools need (GetObject, PutBucket, DeleteObject) are on <see cref="OssClient"/> alone.
/// </summary>
/// <remarks>
/// Every method validates bucket and key names before sending anything (ArgumentException), retries
/// transient failures itself, and reports failures as <see cref="OssServiceException"/>,
/// <see cref="OssTransportException"/>, <see cref="OssTlsException"/> (not retried) or <see cref="OssChecksumMismatchException"/>. Cancelling the
/// token throws <see cref="System.OperationCanceledException"/> promptly, also during backoff delays
/// and while a body is being sent. A failure of the upload source itself (file missing, unreadable
/// or truncated) surfaces as the original <see cref="System.IO.IOException"/> and is not retried.
/// </remarks>
public interface IOssClient
{
    /// <summary>The endpoint requests go to, as scheme, host and port only (e.g. <c>https://oss-cn-hangzhou.aliyuncs.com</c>).</summary>
    Uri Endpoint { get; }

    /// <summary>The region requests are signed for (V4), or null when none is used.</summary>
    string? SigningRegion { get; }

    /// <summary>How requests are signed.</summary>
    OssSignatureVersion SignatureVersion { get; }

    /// <summary>True when requests use path-style addressing (<c>host/bucket/key</c>).</summary>
    bool UsesPathStyle { get; }

    /// <summary>Uploads an object in one request (up to 5 GB) and checks its CRC-64.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>ETag and CRC-64 of the new object.</returns>
    Task<PutObjectResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads an object's properties. A missing object gives an <see cref="OssServiceException"/> with status 404.</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The properties.</returns>
    Task<HeadObjectResult> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken = default);


    /// <summary>Starts a multipart upload.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The upload id.</returns>
    Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads one part, computing its CRC-64 while streaming it and comparing it with OSS's value;
    /// a mismatch is retried and finally thrown as <see cref="OssChecksumMismatchException"/>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>ETag, size and CRC-64 of the part.</returns>
    Task<StoredPart> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a multipart upload. The parts must be in strictly ascending part-number order. If
    /// an attempt reached OSS but its response was lost, the retry gets 404 <c>NoSuchUpload</c>; the
    /// caller should then check the object with HeadObject.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>ETag and CRC-64 of the new object.</returns>
    Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Aborts a multipart upload and deletes its parts. When a retried attempt finds the upload
    /// already gone (an earlier attempt succeeded but its response was lost), that counts as success.
    /// </summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    /// <param name="uploadId">Upload id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the upload is gone.</returns>
    Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Lists in-progress multipart uploads, following every page.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The uploads in key, then upload-id order.</returns>
    IAsyncEnumerable<MultipartUploadSummary> ListMultipartUploadsAsync(ListMultipartUploadsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists the stored parts of a multipart upload, following every page.</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    /// <param name="uploadId">Upload id.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The parts in part-number order.</returns>
    IAsyncEnumerable<ListedPart> ListPartsAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default);


}
