using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>Forwards to a real client and records how many data requests (PutObject, UploadPart) ran at once.</summary>
internal sealed class ConcurrencyCountingClient : IOssClient
{
    private readonly IOssClient _inner;
    private int _current;
    private int _max;

    public ConcurrencyCountingClient(IOssClient inner)
    {
        _inner = inner;
    }

    public int MaxConcurrentDataRequests => Volatile.Read(ref _max);

    public System.Uri Endpoint => _inner.Endpoint;

    public string? SigningRegion => _inner.SigningRegion;

    public OssSignatureVersion SignatureVersion => _inner.SignatureVersion;

    public bool UsesPathStyle => _inner.UsesPathStyle;

    public Task<PutObjectResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default) =>
        CountAsync(() => _inner.PutObjectAsync(request, cancellationToken));

    public Task<StoredPart> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default) =>
        CountAsync(() => _inner.UploadPartAsync(request, cancellationToken));

    public Task<HeadObjectResult> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        _inner.HeadObjectAsync(bucket, key, cancellationToken);

    public Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default) =>
        _inner.InitiateMultipartUploadAsync(request, cancellationToken);

    public Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default) =>
        _inner.CompleteMultipartUploadAsync(request, cancellationToken);

    public Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default) =>
        _inner.AbortMultipartUploadAsync(bucket, key, uploadId, cancellationToken);

    public IAsyncEnumerable<MultipartUploadSummary> ListMultipartUploadsAsync(ListMultipartUploadsRequest request, CancellationToken cancellationToken = default) =>
        _inner.ListMultipartUploadsAsync(request, cancellationToken);

    public IAsyncEnumerable<ListedPart> ListPartsAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default) =>
        _inner.ListPartsAsync(bucket, key, uploadId, cancellationToken);

    private async Task<T> CountAsync<T>(System.Func<Task<T>> call)
    {
        int now = Interlocked.Increment(ref _current);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }

        try
        {
            return await call();
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }
}
