using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;
using OssResumable.Emulator;

namespace OssResumable.Integration.Tests.Protocol;

/// <summary>The client's retry and error behaviour against faults the emulator injects on the wire.</summary>
public class FaultInjectionTests : IClassFixture<EmulatorFixture>
{
    private static readonly byte[] PartBytes = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7 % 256)).ToArray();

    private readonly EmulatorFixture _fixture;

    public FaultInjectionTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1, 500, "InternalError")]
    [InlineData(OssSignatureVersion.V4, 503, "ServiceUnavailable")]
    [InlineData(OssSignatureVersion.V4, 429, "TooManyRequests")]
    [InlineData(OssSignatureVersion.V4, 408, "RequestTimeout")]
    public async Task UploadPart_TransientErrorOnce_RetriedAndSucceeds(OssSignatureVersion version, int status, string code)
    {
        using var client = _fixture.CreateClient(version);
        var (key, uploadId) = await InitiateAsync(client, "transient");
        var rule = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, StatusCode = status, ErrorCode = code });
        long progress = 0;

        var result = await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, uploadId, 1, RequestBody.FromBytes(PartBytes))
        {
            Progress = d => Interlocked.Add(ref progress, d),
        });

        Assert.Equal(1, rule.FiredCount);
        Assert.Equal(2, rule.MatchedCount);
        Assert.Equal(Crc64.Compute(PartBytes), result.Crc64);
        Assert.Equal(PartBytes.Length, progress);
    }

    [Fact]
    public async Task UploadPart_ConnectionResetMidBody_RetriedWithIdenticalBytes()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);
        var (key, uploadId) = await InitiateAsync(client, "reset");
        var rule = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, Action = FaultAction.ResetConnection, ResetAfterBytes = 50_000 });
        var deltas = new ConcurrentQueue<long>();

        var result = await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, uploadId, 1, RequestBody.FromBytes(PartBytes)) { Progress = deltas.Enqueue });
        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest(EmulatorFixture.Bucket, key, uploadId, new[] { new CompletedPart(1, result.ETag) }));

        Assert.Equal(1, rule.FiredCount);
        Assert.Equal(PartBytes.Length, deltas.Sum());
        Assert.Equal(PartBytes, _fixture.Emulator.ReadObject(EmulatorFixture.Bucket, key));
    }

    [Fact]
    public async Task UploadPart_ConnectionResetEveryTime_ThrowsTransportExceptionWithInner()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4, maxRetries: 2);
        var (key, uploadId) = await InitiateAsync(client, "reset-always");
        var rule = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, Action = FaultAction.ResetConnection, ResetAfterBytes = 1000, Times = null });
        long progress = 0;

        var ex = await Assert.ThrowsAsync<OssTransportException>(() => client.UploadPartAsync(
            new UploadPartRequest(EmulatorFixture.Bucket, key, uploadId, 1, RequestBody.FromBytes(PartBytes)) { Progress = d => Interlocked.Add(ref progress, d) }));

        Assert.Equal(3, rule.FiredCount);
        Assert.NotNull(ex.InnerException);
        Assert.True(ex.IsRetryable);
        Assert.Equal(0, progress);
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task UploadPart_CorruptCrcOnce_RetriedAndSucceeds(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version);
        var (key, uploadId) = await InitiateAsync(client, "crc-once");
        var rule = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, Action = FaultAction.CorruptCrc });

        var result = await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, uploadId, 1, RequestBody.FromBytes(PartBytes)));

        Assert.Equal(1, rule.FiredCount);
        Assert.Equal(2, rule.MatchedCount);
        Assert.Equal(Crc64.Compute(PartBytes), result.Crc64);
    }

    [Fact]
    public async Task UploadPart_CorruptCrcAlways_ThrowsChecksumMismatchNamingThePart()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4, maxRetries: 1);
        var (key, uploadId) = await InitiateAsync(client, "crc-always");
        var rule = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, Action = FaultAction.CorruptCrc, Times = null });

        var ex = await Assert.ThrowsAsync<OssChecksumMismatchException>(() =>
            client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, uploadId, 4, RequestBody.FromBytes(PartBytes))));

        Assert.Equal(2, rule.FiredCount);
        Assert.Equal(4, ex.PartNumber);
        Assert.Equal(key, ex.Key);
        Assert.Equal(EmulatorFixture.Bucket, ex.Bucket);
        Assert.Equal(Crc64.Compute(PartBytes), ex.LocalCrc64);
        Assert.NotEqual(ex.LocalCrc64, ex.ServerCrc64);
    }

    [Fact]
    public async Task PutObject_CorruptCrcAlways_ThrowsChecksumMismatch()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V1, maxRetries: 1);
        string key = EmulatorFixture.UniqueKey("put-crc");
        _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.PutObject, Key = key, Action = FaultAction.CorruptCrc, Times = null });

        var ex = await Assert.ThrowsAsync<OssChecksumMismatchException>(() => client.PutObjectAsync(new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromBytes(PartBytes))));

        Assert.Null(ex.PartNumber);
    }

    [Fact]
    public async Task UploadPart_NoSuchUploadError_NotRetried()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);
        var (key, uploadId) = await InitiateAsync(client, "vanish");
        var rule = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, Action = FaultAction.VanishUpload });

        var ex = await Assert.ThrowsAsync<OssServiceException>(() =>
            client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, uploadId, 1, RequestBody.FromBytes(PartBytes))));

        Assert.Equal("NoSuchUpload", ex.ErrorCode);
        Assert.Equal(1, rule.MatchedCount);
    }

    [Fact]
    public async Task MaxRetriesZero_TransientError_SingleAttempt()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4, maxRetries: 0);
        var (key, uploadId) = await InitiateAsync(client, "no-retry");
        var rule = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, StatusCode = 503, ErrorCode = "ServiceUnavailable" });

        var ex = await Assert.ThrowsAsync<OssServiceException>(() =>
            client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, uploadId, 1, RequestBody.FromBytes(PartBytes))));

        Assert.Equal(503, ex.StatusCode);
        Assert.Equal("ServiceUnavailable", ex.ErrorCode);
        Assert.True(ex.IsRetryable);
        Assert.Equal(1, rule.MatchedCount);
    }

    [Fact]
    public async Task Complete_ResponseDropped_RetryReportsNoSuchUploadAndObjectExists()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);
        var (key, uploadId) = await InitiateAsync(client, "complete-drop");
        var part = await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, uploadId, 1, RequestBody.FromBytes(PartBytes)));
        var rule = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.CompleteMultipartUpload, Key = key, Action = FaultAction.DropResponse });

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest(EmulatorFixture.Bucket, key, uploadId, new[] { new CompletedPart(1, part.ETag) })));
        var head = await client.HeadObjectAsync(EmulatorFixture.Bucket, key);

        Assert.Equal(1, rule.FiredCount);
        Assert.Equal("NoSuchUpload", ex.ErrorCode);
        Assert.Equal(PartBytes.Length, head.ContentLength);
        Assert.Equal(Crc64.Compute(PartBytes), head.Crc64);
    }

    [Fact]
    public async Task Abort_ResponseDropped_RetryCountsAsSuccess()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);
        var (key, uploadId) = await InitiateAsync(client, "abort-drop");
        var rule = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.AbortMultipartUpload, Key = key, Action = FaultAction.DropResponse });

        await client.AbortMultipartUploadAsync(EmulatorFixture.Bucket, key, uploadId);

        Assert.Equal(1, rule.FiredCount);
        Assert.Equal(2, rule.MatchedCount);
        Assert.DoesNotContain(_fixture.Emulator.ListUploads(EmulatorFixture.Bucket), u => u.UploadId == uploadId);
    }

    [Fact]
    public async Task SlowResponse_BeyondIdleTimeout_TimesOutAndRetries()
    {
        var notices = new ConcurrentQueue<OssRetryNotice>();
        using var client = _fixture.CreateClient(OssSignatureVersion.V4, configure: o =>
        {
            o.IdleTimeout = TimeSpan.FromSeconds(1.5);
            o.RetryObserver = notices.Enqueue;
        });
        string key = EmulatorFixture.UniqueKey("slow");
        await client.PutObjectAsync(new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromBytes(new byte[] { 1 })));
        var rule = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.HeadObject, Key = key, Action = FaultAction.Delay, Delay = TimeSpan.FromSeconds(10) });

        var head = await client.HeadObjectAsync(EmulatorFixture.Bucket, key);

        Assert.Equal(1, head.ContentLength);
        Assert.Equal(1, rule.FiredCount);
        Assert.NotEmpty(notices);
        var timeout = Assert.IsType<OssTransportException>(notices.First().Exception);
        Assert.True(timeout.IsTimeout);
        Assert.Equal("HeadObject", timeout.Operation);
    }

    [Fact]
    public async Task Cancellation_DuringThrottledUpload_StopsPromptly()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);
        var (key, uploadId) = await InitiateAsync(client, "cancel");
        _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, Action = FaultAction.Throttle, BytesPerSecond = 1000 });
        using var cts = new CancellationTokenSource();
        long progress = 0;

        var call = client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, uploadId, 1, RequestBody.FromBytes(PartBytes))
        {
            Progress = d =>
            {
                if (Interlocked.Add(ref progress, d) > 0)
                {
                    cts.Cancel();
                }
            },
        }, cts.Token);

        // At 1000 B/s the part would take over three minutes; the guard fails the test long before that.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, Interlocked.Read(ref progress));
    }

    private async Task<(string Key, string UploadId)> InitiateAsync(OssClient client, string name)
    {
        string key = EmulatorFixture.UniqueKey(name);
        var result = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(EmulatorFixture.Bucket, key));
        return (key, result.UploadId);
    }
}
