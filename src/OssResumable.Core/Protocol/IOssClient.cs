using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Protocol;

/// <summary>
/// The OSS operations the upload engine needs. <see cref="OssClient"/> implements them over HTTP
/// with signing, retries and CRC-64 checks; tests of the engine may fake this interface.
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

    /// <summary>Downloads an object or a byte range of it. Dispose the result.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request (until the headers arrive; pass a token to the stream reads too).</param>
    /// <returns>The response stream and properties.</returns>
    Task<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default);

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
    Task<UploadPartResult> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default);

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
    IAsyncEnumerable<UploadedPart> ListPartsAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Creates a bucket (used by tests and setup scripts).</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the bucket exists.</returns>
    Task PutBucketAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object (succeeds when it does not exist).</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the object is gone.</returns>
    Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken = default);
}
