using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Protocol;

/// <content>Multipart upload operations.</content>
public sealed partial class OssClient
{
    /// <summary>Highest part number OSS accepts.</summary>
    public const int MaxPartNumber = 10000;

    /// <inheritdoc />
    public Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ValidateObject(request.Bucket, request.Key);
        var operation = new OssOperation("InitiateMultipartUpload", HttpMethod.Post, request.Bucket, request.Key) { Body = RequestBody.Empty, RetryObserver = request.RetryObserver }
            .AddQuery("uploads")
            .AddQuery("encoding-type", "url");
        ObjectWriteHeaders.Apply(operation, request.WriteOptions, includeAcl: false);
        return _executor.SendAsync(
            operation,
            async (response, token) => OssResponseParser.ParseInitiate(await response.ReadXmlAsync(token).ConfigureAwait(false), request.Bucket, request.Key, response.RequestId),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<StoredPart> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ValidateObject(request.Bucket, request.Key);
        ValidateUploadId(request.UploadId);
        ValidatePartNumber(request.PartNumber);
        if (request.Body.Length > MaxSingleUploadBytes)
        {
            throw new ArgumentException("A part holds at most 5 GiB; part " + request.PartNumber + " has " + request.Body.Length + " bytes.", nameof(request));
        }

        var operation = new OssOperation("UploadPart", HttpMethod.Put, request.Bucket, request.Key)
        {
            Body = request.Body,
            Progress = request.Progress,
            BandwidthLimiter = request.BandwidthLimiter,
            RetryObserver = request.RetryObserver,
            UploadId = request.UploadId,
            PartNumber = request.PartNumber,
        }
            .AddQuery("partNumber", request.PartNumber.ToString(CultureInfo.InvariantCulture))
            .AddQuery("uploadId", request.UploadId)
            .AddContentHeader("Content-Type", ObjectWriteHeaders.DefaultContentType);
        return _executor.SendAsync(
            operation,
            (response, _) =>
            {
                ulong crc = response.VerifyUploadCrc(request.PartNumber);
                string eTag = ResponseHeaders.ETag(response.Message) ?? throw new System.IO.InvalidDataException("The UploadPart response has no ETag.");
                return Task.FromResult(new StoredPart(request.PartNumber, request.Body.Length, eTag, crc));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ValidateObject(request.Bucket, request.Key);
        ValidateUploadId(request.UploadId);
        ValidatePartList(request.Parts);

        byte[] body = CompleteMultipartUploadBody.Build(request.Parts);
        var operation = new OssOperation("CompleteMultipartUpload", HttpMethod.Post, request.Bucket, request.Key)
        {
            Body = RequestBody.FromBytes(body),
            RetryObserver = request.RetryObserver,
            UploadId = request.UploadId,
        }
            .AddQuery("uploadId", request.UploadId)
            .AddQuery("encoding-type", "url")
            .AddContentHeader("Content-Type", "application/xml")
            .AddContentHeader("Content-MD5", ComputeMd5Base64(body));
        ObjectWriteHeaders.ApplyCompletion(operation, request.ObjectAcl, request.ForbidOverwrite);
        return _executor.SendAsync(
            operation,
            async (response, token) => OssResponseParser.ParseComplete(
                await response.ReadXmlAsync(token).ConfigureAwait(false),
                request.Bucket,
                request.Key,
                ResponseHeaders.ETag(response.Message),
                ResponseHeaders.Crc64(response.Message),
                ResponseHeaders.Get(response.Message, "x-oss-version-id"),
                response.RequestId),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default)
    {
        ValidateObject(bucket, key);
        ValidateUploadId(uploadId);
        var operation = new OssOperation("AbortMultipartUpload", HttpMethod.Delete, bucket, key) { UploadId = uploadId }.AddQuery("uploadId", uploadId);
        try
        {
            await _executor.SendAsync(operation, (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
        }
        catch (OssServiceException ex) when (ex.IsNoSuchUpload && operation.AttemptCount > 1)
        {
            // An earlier attempt may have aborted the upload before its response was lost; either way
            // the upload is gone, which is what the caller asked for.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<MultipartUploadSummary> ListMultipartUploadsAsync(
        ListMultipartUploadsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        OssNames.ValidateBucket(request.Bucket);
        string? keyMarker = request.KeyMarker;
        string? uploadIdMarker = request.UploadIdMarker;
        while (true)
        {
            var operation = new OssOperation("ListMultipartUploads", HttpMethod.Get, request.Bucket, key: null)
                .AddQuery("uploads")
                .AddQuery("encoding-type", "url")
                .AddQuery("max-uploads", request.PageSize.ToString(CultureInfo.InvariantCulture));
            AddIfNotEmpty(operation, "prefix", request.Prefix);
            AddIfNotEmpty(operation, "key-marker", keyMarker);
            AddIfNotEmpty(operation, "upload-id-marker", keyMarker is null ? null : uploadIdMarker);

            ListMultipartUploadsPage page = await _executor.SendAsync(
                operation,
                async (response, token) => OssResponseParser.ParseListMultipartUploads(await response.ReadXmlAsync(token).ConfigureAwait(false), request.Bucket),
                cancellationToken).ConfigureAwait(false);
            foreach (var upload in page.Uploads)
            {
                yield return upload;
            }

            if (!page.IsTruncated)
            {
                yield break;
            }

            if (page.NextKeyMarker is null || (page.NextKeyMarker == keyMarker && page.NextUploadIdMarker == uploadIdMarker))
            {
                throw new System.IO.InvalidDataException(
                    "ListMultipartUploads of bucket '" + request.Bucket + "' says more results follow but its markers do not advance (key marker '" +
                    page.NextKeyMarker + "'); stopping instead of looping forever.");
            }

            keyMarker = page.NextKeyMarker;
            uploadIdMarker = page.NextUploadIdMarker;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ListedPart> ListPartsAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default) =>
        ListPartsAsync(new ListPartsRequest(bucket, key, uploadId), cancellationToken);

    /// <summary>Lists the stored parts of a multipart upload with a chosen page size, following every page.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The parts in part-number order.</returns>
    public async IAsyncEnumerable<ListedPart> ListPartsAsync(ListPartsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ValidateObject(request.Bucket, request.Key);
        ValidateUploadId(request.UploadId);
        int marker = 0;
        while (true)
        {
            var operation = new OssOperation("ListParts", HttpMethod.Get, request.Bucket, request.Key) { UploadId = request.UploadId }
                .AddQuery("uploadId", request.UploadId)
                .AddQuery("encoding-type", "url")
                .AddQuery("max-parts", request.PageSize.ToString(CultureInfo.InvariantCulture));
            if (marker > 0)
            {
                operation.AddQuery("part-number-marker", marker.ToString(CultureInfo.InvariantCulture));
            }

            ListPartsPage page = await _executor.SendAsync(
                operation,
                async (response, token) => OssResponseParser.ParseListParts(await response.ReadXmlAsync(token).ConfigureAwait(false)),
                cancellationToken).ConfigureAwait(false);
            foreach (var part in page.Parts)
            {
                yield return part;
            }

            if (!page.IsTruncated)
            {
                yield break;
            }

            if (page.NextPartNumberMarker <= marker)
            {
                throw new System.IO.InvalidDataException(
                    "ListParts of upload '" + request.UploadId + "' says more parts follow but its marker does not advance (" +
                    page.NextPartNumberMarker + "); stopping instead of looping forever.");
            }

            marker = page.NextPartNumberMarker;
        }
    }

    private static void ValidatePartNumber(int partNumber)
    {
        if (partNumber < 1 || partNumber > MaxPartNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(partNumber), partNumber, "Part numbers run from 1 to 10000.");
        }
    }

    private static void ValidatePartList(IReadOnlyList<CompletedPart> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("CompleteMultipartUpload needs at least one part.", nameof(parts));
        }

        int previous = 0;
        foreach (var part in parts)
        {
            if (part is null)
            {
                throw new ArgumentException("The part list contains null.", nameof(parts));
            }

            ValidatePartNumber(part.PartNumber);
            if (part.PartNumber <= previous)
            {
                throw new ArgumentException(
                    "Parts must be listed in strictly ascending part-number order; part " + part.PartNumber + " follows part " + previous + ".", nameof(parts));
            }

            previous = part.PartNumber;
        }
    }

    private static void AddIfNotEmpty(OssOperation operation, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            operation.AddQuery(name, value);
        }
    }

    private static string ComputeMd5Base64(byte[] body)
    {
#pragma warning disable CA5351 // Content-MD5 is defined by HTTP/OSS as MD5; it is an integrity check, not security.
        using var md5 = MD5.Create();
#pragma warning restore CA5351
        return Convert.ToBase64String(md5.ComputeHash(body));
    }
}
