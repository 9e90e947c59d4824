using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;

namespace OssResumable.PowerShell.Tests.Fakes;

/// <summary>An IOssClient with canned listings; records aborts. Upload operations are not used by these tests.</summary>
internal sealed class FakeOssClient : IOssClient, IDisposable
{
    public List<MultipartUploadSummary> Uploads { get; } = new();

    public List<ListedPart> Parts { get; } = new();

    public List<string> Aborted { get; } = new();

    public List<ListMultipartUploadsRequest> ListRequests { get; } = new();

    public Exception? AbortFailure { get; set; }

    public bool Disposed { get; private set; }

    public Uri Endpoint { get; } = new("http://127.0.0.1:9000");

    public string? SigningRegion => "cn-hangzhou";

    public OssSignatureVersion SignatureVersion => OssSignatureVersion.V4;

    public bool UsesPathStyle => true;

    public Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default)
    {
        if (AbortFailure is not null)
        {
            return Task.FromException(AbortFailure);
        }

        Aborted.Add(bucket + "/" + key + "/" + uploadId);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<MultipartUploadSummary> ListMultipartUploadsAsync(ListMultipartUploadsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ListRequests.Add(request);
        foreach (MultipartUploadSummary upload in Uploads)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (request.Prefix is null || upload.Key.StartsWith(request.Prefix, StringComparison.Ordinal))
            {
                yield return upload;
            }
        }
    }

    public async IAsyncEnumerable<ListedPart> ListPartsAsync(string bucket, string key, string uploadId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (ListedPart part in Parts)
        {
            await Task.Yield();
            yield return part;
        }
    }

    public void Dispose() => Disposed = true;

    public Task<PutObjectResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<HeadObjectResult> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<StoredPart> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
