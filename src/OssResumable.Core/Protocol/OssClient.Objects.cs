using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Protocol;

/// <content>Object and bucket operations.</content>
public sealed partial class OssClient
{
    /// <summary>Largest body of a single PutObject or UploadPart (5 GiB).</summary>
    public const long MaxSingleUploadBytes = 5L * 1024 * 1024 * 1024;

    /// <inheritdoc />
    public Task<PutObjectResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ValidateObject(request.Bucket, request.Key);
        if (request.Body.Length > MaxSingleUploadBytes)
        {
            throw new ArgumentException("PutObject accepts at most 5 GiB; use a multipart upload for " + request.Body.Length + " bytes.", nameof(request));
        }

        var operation = new OssOperation("PutObject", HttpMethod.Put, request.Bucket, request.Key) { Body = request.Body, Progress = request.Progress, BandwidthLimiter = request.BandwidthLimiter, RetryObserver = request.RetryObserver };
        ObjectWriteHeaders.Apply(operation, request.WriteOptions, includeAcl: true);
        return _executor.SendAsync(
            operation,
            (response, _) =>
            {
                ulong crc = response.VerifyUploadCrc(partNumber: null);
                return Task.FromResult(new PutObjectResult(
                    ResponseHeaders.ETag(response.Message) ?? string.Empty,
                    crc,
                    ResponseHeaders.Get(response.Message, "x-oss-version-id"),
                    response.RequestId));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<HeadObjectResult> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        ValidateObject(bucket, key);
        var operation = new OssOperation("HeadObject", HttpMethod.Head, bucket, key);
        return _executor.SendAsync(operation, (response, _) => Task.FromResult(ResponseHeaders.ToObjectProperties(response.Message)), cancellationToken);
    }

    /// <summary>Downloads an object or a byte range of it (for tests and tools; the upload engine never reads objects). Dispose the result.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request (until the headers arrive; pass a token to the stream reads too).</param>
    /// <returns>The response stream and properties.</returns>
    public Task<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ValidateObject(request.Bucket, request.Key);
        var operation = new OssOperation("GetObject", HttpMethod.Get, request.Bucket, request.Key);
        if (request.RangeStart is not null)
        {
            string range = "bytes=" + request.RangeStart.Value.ToString(CultureInfo.InvariantCulture) + "-" +
                (request.RangeEnd?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            operation.AddHeader("Range", range);
        }

        return _executor.SendAsync(
            operation,
            async (response, _) =>
            {
                HeadObjectResult properties = ResponseHeaders.ToObjectProperties(response.Message);
                Stream content = await response.Message.Content.ReadAsStreamAsync().ConfigureAwait(false);
                bool wholeObject = response.Message.StatusCode == HttpStatusCode.OK && request.RangeStart is null;
                if (wholeObject && properties.Crc64 is { } crc)
                {
                    content = new Crc64VerifyingStream(content, properties.ContentLength, crc, operation, response.RequestId);
                }

                response.Detach();
                return new GetObjectResult(response.Message, content, properties, ResponseHeaders.Get(response.Message, "Content-Range"));
            },
            cancellationToken);
    }

    /// <summary>Creates a bucket (used by tests and setup scripts).</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the bucket exists.</returns>
    public Task PutBucketAsync(string bucket, CancellationToken cancellationToken = default)
    {
        OssNames.ValidateBucket(bucket);
        var operation = new OssOperation("PutBucket", HttpMethod.Put, bucket, key: null) { Body = RequestBody.Empty };
        return _executor.SendAsync(operation, (_, _) => Task.FromResult(true), cancellationToken);
    }

    /// <summary>Deletes an object (succeeds when it does not exist; used by tests and tools).</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the object is gone.</returns>
    public Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        ValidateObject(bucket, key);
        var operation = new OssOperation("DeleteObject", HttpMethod.Delete, bucket, key);
        return _executor.SendAsync(operation, (_, _) => Task.FromResult(true), cancellationToken);
    }
}
