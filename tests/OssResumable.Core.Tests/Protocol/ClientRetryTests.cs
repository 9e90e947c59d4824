using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Files;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

public class ClientRetryTests
{
    private static readonly byte[] PartBytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i % 251)).ToArray();

    private static HttpResponseMessage PartOk(CapturedRequest request, ulong? crcOverride = null) =>
        FakeOssHandler.Response(HttpStatusCode.OK, null, ("ETag", "\"ETAG\""),
            ("x-oss-hash-crc64ecma", (crcOverride ?? Crc64.Compute(request.Body)).ToString(CultureInfo.InvariantCulture)));

    [Fact]
    public async Task UploadPart_Success_ReturnsCrcOfSentBytesAndExactProgress()
    {
        var handler = new FakeOssHandler((request, _) => PartOk(request));
        using var client = TestClients.Create(handler);
        long progress = 0;

        var result = await client.UploadPartAsync(new UploadPartRequest("bucket", "k", "U", 1, RequestBody.FromBytes(PartBytes)) { Progress = d => progress += d });

        Assert.Equal(Crc64.Compute(PartBytes), result.Crc64);
        Assert.Equal(PartBytes.Length, result.Size);
        Assert.Equal("\"ETAG\"", result.ETag);
        Assert.Equal(1, result.PartNumber);
        Assert.Equal(PartBytes.Length, progress);
        Assert.Equal(PartBytes, handler.RequestList.Single().Body);
    }

    [Fact]
    public async Task UploadPart_CrcMismatchOnce_RetriesWithIdenticalBytesAndKeepsProgressExact()
    {
        var handler = new FakeOssHandler((request, index) => PartOk(request, index == 0 ? 12345UL : null));
        using var client = TestClients.Create(handler);
        var deltas = new ConcurrentQueue<long>();

        var result = await client.UploadPartAsync(new UploadPartRequest("bucket", "k", "U", 2, RequestBody.FromBytes(PartBytes)) { Progress = deltas.Enqueue });

        Assert.Equal(2, handler.RequestList.Count);
        Assert.Equal(handler.RequestList[0].Body, handler.RequestList[1].Body);
        Assert.Equal(Crc64.Compute(PartBytes), result.Crc64);
        Assert.Equal(PartBytes.Length, deltas.Sum());
        Assert.Contains(-PartBytes.Length, deltas);
    }

    [Fact]
    public async Task UploadPart_CrcAlwaysWrong_ThrowsChecksumMismatchAfterRetriesWithZeroNetProgress()
    {
        var handler = new FakeOssHandler((request, _) => PartOk(request, 777UL));
        using var client = TestClients.Create(handler, TestClients.Options(maxRetries: 2));
        long progress = 0;

        var ex = await Assert.ThrowsAsync<OssChecksumMismatchException>(() =>
            client.UploadPartAsync(new UploadPartRequest("bucket", "dir/k", "U", 9, RequestBody.FromBytes(PartBytes)) { Progress = d => Interlocked.Add(ref progress, d) }));

        Assert.Equal(3, handler.RequestList.Count);
        Assert.Equal(9, ex.PartNumber);
        Assert.Equal(777UL, ex.ServerCrc64);
        Assert.Equal(Crc64.Compute(PartBytes), ex.LocalCrc64);
        Assert.Equal("dir/k", ex.Key);
        Assert.Equal(0, progress);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task DeleteObject_TransientStatusOnce_IsRetried(int status)
    {
        var handler = new FakeOssHandler((_, index) => index == 0
            ? FakeOssHandler.Response((HttpStatusCode)status, FakeOssHandler.ErrorXml("InternalError"))
            : FakeOssHandler.Response(HttpStatusCode.NoContent));
        using var client = TestClients.Create(handler);

        await client.DeleteObjectAsync("bucket", "k");

        Assert.Equal(2, handler.RequestList.Count);
    }

    [Fact]
    public async Task UploadPart_NoSuchUpload_NotRetriedAndTyped()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.NotFound, FakeOssHandler.ErrorXml("NoSuchUpload", "The specified upload does not exist.")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.UploadPartAsync(new UploadPartRequest("bucket", "k", "U", 1, RequestBody.FromBytes(new byte[] { 1 }))));

        Assert.Single(handler.RequestList);
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("NoSuchUpload", ex.ErrorCode);
        Assert.Equal("5C3D9778CC1C2AEDF85B0002", ex.RequestId);
        Assert.Equal("0048-00000001", ex.Ec);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task MaxRetriesZero_TransientError_NotRetried()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.ServiceUnavailable, FakeOssHandler.ErrorXml("ServiceUnavailable")));
        using var client = TestClients.Create(handler, TestClients.Options(maxRetries: 0));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.DeleteObjectAsync("bucket", "k"));

        Assert.Single(handler.RequestList);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public async Task TransientErrorEveryTime_GivesUpAfterMaxRetriesAndNotifiesObserver()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.InternalServerError, FakeOssHandler.ErrorXml("InternalError")));
        var notices = new ConcurrentQueue<OssRetryNotice>();
        var options = TestClients.Options(maxRetries: 3);
        options.RetryObserver = notices.Enqueue;
        using var client = TestClients.Create(handler, options);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.DeleteObjectAsync("bucket", "k"));

        Assert.Equal(4, handler.RequestList.Count);
        Assert.Equal("InternalError", ex.ErrorCode);
        Assert.Equal(new[] { 1, 2, 3 }, notices.Select(n => n.AttemptNumber));
        Assert.All(notices, n => Assert.Equal("DeleteObject", n.Operation));
    }

    [Fact]
    public async Task TransportFailure_IsRetriedThenTypedWithInnerException()
    {
        var handler = new FakeOssHandler((_, _, _) => throw new HttpRequestException("Connection reset by peer", new IOException("reset")));
        using var client = TestClients.Create(handler, TestClients.Options(maxRetries: 1));

        var ex = await Assert.ThrowsAsync<OssTransportException>(() => client.HeadObjectAsync("bucket", "k"));

        Assert.Equal(2, handler.RequestList.Count);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.IsType<IOException>(ex.InnerException!.InnerException);
        Assert.False(ex.IsTimeout);
        Assert.Equal("HeadObject", ex.Operation);
    }

    [Fact]
    public async Task HostNotFound_IsTypedWithTheHostName()
    {
        // What SocketsHttpHandler throws when DNS answers that oss-<typo>.aliyuncs.com does not exist.
        var handler = new FakeOssHandler((_, _, _) => throw new HttpRequestException("Name or service not known (bucket.oss-cn-hangzou.aliyuncs.com:443)", new SocketException((int)SocketError.HostNotFound)));
        using var client = TestClients.Create(handler, TestClients.Options(maxRetries: 1));

        var ex = await Assert.ThrowsAsync<OssTransportException>(() => client.HeadObjectAsync("bucket", "k"));

        string host = handler.RequestList[0].Uri.Host;
        Assert.Equal(host, ex.UnresolvedHost);
        Assert.Contains("the host name '" + host + "' could not be resolved", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.RequestList.Count);
    }

    [Fact]
    public async Task ConnectionRefused_HasNoUnresolvedHost()
    {
        var handler = new FakeOssHandler((_, _, _) => throw new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)));
        using var client = TestClients.Create(handler, TestClients.Options(maxRetries: 0));

        var ex = await Assert.ThrowsAsync<OssTransportException>(() => client.HeadObjectAsync("bucket", "k"));

        Assert.Null(ex.UnresolvedHost);
    }

    [Fact]
    public async Task StalledResponse_IdleTimeoutFiresAndIsRetried()
    {
        var handler = new FakeOssHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var options = TestClients.Options(maxRetries: 1);
        options.IdleTimeout = TimeSpan.FromMilliseconds(200);
        using var client = TestClients.Create(handler, options);

        var ex = await Assert.ThrowsAsync<OssTransportException>(() => client.DeleteObjectAsync("bucket", "k"));

        Assert.True(ex.IsTimeout);
        Assert.Equal(2, handler.RequestList.Count);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_DuringBackoff_StopsPromptly()
    {
        using var cts = new CancellationTokenSource();
        var handler = new FakeOssHandler((_, _) =>
        {
            cts.Cancel();
            return FakeOssHandler.Response(HttpStatusCode.ServiceUnavailable, FakeOssHandler.ErrorXml("ServiceUnavailable"));
        });
        var options = TestClients.Options();
        options.RetryBaseDelay = TimeSpan.FromMinutes(10);
        options.RetryMaxDelay = TimeSpan.FromMinutes(10);
        using var client = TestClients.Create(handler, options);

        // If the backoff ignored the token this would wait ten minutes; the guard turns that into a failure.
        var call = client.DeleteObjectAsync("bucket", "k", cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Single(handler.RequestList);
    }

    [Fact]
    public async Task Cancellation_MidBody_StopsAndTakesBackProgress()
    {
        using var cts = new CancellationTokenSource();
        long progress = 0;
        var body = new StallingBody(firstChunk: 1000, total: 5000);
        var handler = new FakeOssHandler((request, _) => PartOk(request));
        using var client = TestClients.Create(handler);

        var call = client.UploadPartAsync(new UploadPartRequest("bucket", "k", "U", 1, body)
        {
            Progress = d =>
            {
                Interlocked.Add(ref progress, d);
                if (d > 0)
                {
                    cts.Cancel();
                }
            },
        }, cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, Interlocked.Read(ref progress));
    }

    [Fact]
    public async Task Cancellation_AlreadyCancelled_SendsNothing()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.NoContent));
        using var client = TestClients.Create(handler);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DeleteObjectAsync("bucket", "k", new CancellationToken(canceled: true)));

        Assert.Empty(handler.RequestList);
    }

    [Fact]
    public async Task Abort_NoSuchUploadAfterLostResponse_CountsAsSuccess()
    {
        var handler = new FakeOssHandler((_, index) => index == 0
            ? FakeOssHandler.Response(HttpStatusCode.InternalServerError, FakeOssHandler.ErrorXml("InternalError"))
            : FakeOssHandler.Response(HttpStatusCode.NotFound, FakeOssHandler.ErrorXml("NoSuchUpload")));
        using var client = TestClients.Create(handler);

        await client.AbortMultipartUploadAsync("bucket", "k", "U");

        Assert.Equal(2, handler.RequestList.Count);
        Assert.Equal("?uploadId=U", handler.RequestList[0].Uri.Query);
        Assert.Equal(HttpMethod.Delete, handler.RequestList[0].Method);
    }

    [Fact]
    public async Task Abort_NoSuchUploadOnFirstAttempt_Throws()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.NotFound, FakeOssHandler.ErrorXml("NoSuchUpload")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.AbortMultipartUploadAsync("bucket", "k", "U"));

        Assert.Equal("NoSuchUpload", ex.ErrorCode);
    }

    [Fact]
    public async Task UploadPart_SourceFileShorterThanWindow_SurfacesSourceChangedWithoutRetry()
    {
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, new byte[100]);
            var handler = new FakeOssHandler((request, _) => PartOk(request));
            using var client = TestClients.Create(handler);
            long progress = 0;

            var ex = await Assert.ThrowsAsync<SourceChangedException>(() => client.UploadPartAsync(
                new UploadPartRequest("bucket", "k", "U", 1, RequestBody.FromFile(path, 50, 200)) { Progress = d => progress += d }));

            Assert.Contains("too short for bytes 50-249", ex.Message, StringComparison.Ordinal);
            Assert.Equal(0, progress);
            Assert.Empty(handler.RequestList);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task UploadPart_MissingSourceFile_SurfacesFileNotFound()
    {
        var handler = new FakeOssHandler((request, _) => PartOk(request));
        using var client = TestClients.Create(handler);

        await Assert.ThrowsAsync<FileNotFoundException>(() => client.UploadPartAsync(
            new UploadPartRequest("bucket", "k", "U", 1, RequestBody.FromFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".missing"), 0, 10))));
    }

    [Fact]
    public async Task SecurityTokenExpired_WithRefreshingProvider_RetriesWithNewToken()
    {
        var handler = new FakeOssHandler((request, _) => request.Header("x-oss-security-token") == "old"
            ? FakeOssHandler.Response(HttpStatusCode.Forbidden, FakeOssHandler.ErrorXml("SecurityTokenExpired"))
            : FakeOssHandler.Response(HttpStatusCode.NoContent));
        var provider = new RotatingProvider();
        using var client = new OssClient(TestClients.Options(), provider, handler, null);

        await client.DeleteObjectAsync("bucket", "k");

        Assert.Equal(new[] { "old", "new" }, handler.RequestList.Select(r => r.Header("x-oss-security-token")));
    }

    [Fact]
    public async Task SecurityTokenExpired_WithStaticCredentials_NotRetried()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.Forbidden, FakeOssHandler.ErrorXml("SecurityTokenExpired")));
        using var client = TestClients.Create(handler, credentials: new OssCredentials("ak", "sk", "token"));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.DeleteObjectAsync("bucket", "k"));

        Assert.Single(handler.RequestList);
        Assert.Equal("SecurityTokenExpired", ex.ErrorCode);
    }

    [Fact]
    public async Task InvalidNames_RejectedBeforeAnyRequest()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.OK));
        using var client = TestClients.Create(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.HeadObjectAsync("Bad_Bucket", "k"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.HeadObjectAsync("bucket", "/k"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.UploadPartAsync(new UploadPartRequest("bucket", "k", "U", 10001, RequestBody.Empty)));
        await Assert.ThrowsAsync<ArgumentException>(() => client.UploadPartAsync(new UploadPartRequest("bucket", "k", " ", 1, RequestBody.Empty)));
        var badMeta = new ObjectWriteOptions();
        badMeta.Metadata["name"] = "caf\u00e9";
        await Assert.ThrowsAsync<ArgumentException>(() => client.PutObjectAsync(new PutObjectRequest("bucket", "k", RequestBody.Empty, badMeta)));
        var badMetaName = new ObjectWriteOptions();
        badMetaName.Metadata["bad name"] = "v";
        await Assert.ThrowsAsync<ArgumentException>(() => client.PutObjectAsync(new PutObjectRequest("bucket", "k", RequestBody.Empty, badMetaName)));

        Assert.Empty(handler.RequestList);
    }

    [Fact]
    public async Task Complete_PartsNotAscending_ThrowsBeforeAnyRequest()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.OK));
        using var client = TestClients.Create(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest("bucket", "k", "U", new[] { new CompletedPart(2, "a"), new CompletedPart(1, "b") })));
        await Assert.ThrowsAsync<ArgumentException>(() => client.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest("bucket", "k", "U", new[] { new CompletedPart(1, "a"), new CompletedPart(1, "b") })));
        await Assert.ThrowsAsync<ArgumentException>(() => client.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest("bucket", "k", "U", Array.Empty<CompletedPart>())));

        Assert.Empty(handler.RequestList);
    }

    [Fact]
    public async Task SuccessWithUnreadableXml_IsRetriedAsTransportFailure()
    {
        var handler = new FakeOssHandler((_, index) => index == 0
            ? FakeOssHandler.Response(HttpStatusCode.OK, "<InitiateMultipartUploadResult><UploadId>trunc")
            : FakeOssHandler.Response(HttpStatusCode.OK, "<InitiateMultipartUploadResult><UploadId>U2</UploadId></InitiateMultipartUploadResult>"));
        using var client = TestClients.Create(handler);

        var result = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest("bucket", "k"));

        Assert.Equal("U2", result.UploadId);
        Assert.Equal(2, handler.RequestList.Count);
    }

    private sealed class RotatingProvider : IOssCredentialsProvider
    {
        private int _calls;

        public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
            new(new OssCredentials("ak", "sk", Interlocked.Increment(ref _calls) == 1 ? "old" : "new"));
    }

    /// <summary>A body that yields a first chunk and then blocks until cancelled.</summary>
    private sealed class StallingBody : RequestBody
    {
        private readonly int _firstChunk;
        private readonly long _total;

        public StallingBody(int firstChunk, long total)
        {
            _firstChunk = firstChunk;
            _total = total;
        }

        public override long Length => _total;

        public override Stream OpenStream() => new StallingStream(_firstChunk);

        private sealed class StallingStream : MemoryStream
        {
            private bool _first = true;
            private readonly int _firstChunk;

            public StallingStream(int firstChunk)
            {
                _firstChunk = firstChunk;
            }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                if (_first)
                {
                    _first = false;
                    return Math.Min(count, _firstChunk);
                }

                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            }
        }
    }
}
