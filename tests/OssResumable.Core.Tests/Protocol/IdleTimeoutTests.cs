using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

public class IdleTimeoutTests
{
    [Fact]
    public async Task UploadPart_SlowButSteadyBody_LongerThanIdleTimeoutInTotal_Succeeds()
    {
        // 48 writes of 128 KiB, each taking 60 ms: about 2.9 s in total against a 2 s idle timeout
        // (generous, because a loaded machine can stall a single delay by half a second). Every write
        // is progress, so the attempt must not be cut off.
        byte[] bytes = new byte[48 * 128 * 1024];
        new Random(7).NextBytes(bytes);
        using var handler = new SlowDrainHandler(TimeSpan.FromMilliseconds(60));
        var options = TestClients.Options(maxRetries: 0);
        options.IdleTimeout = TimeSpan.FromSeconds(2);
        using var client = new OssClient(options, new StaticOssCredentialsProvider(new OssCredentials("ak", "sk")), handler, null);

        var result = await client.UploadPartAsync(new UploadPartRequest("bucket", "k", "U", 1, RequestBody.FromBytes(bytes)));

        Assert.Equal(Crc64.Compute(bytes), result.Crc64);
        Assert.True(handler.Writes >= 48);
    }

    [Fact]
    public async Task UploadPart_BodyStalls_TimesOut()
    {
        using var handler = new SlowDrainHandler(Timeout.InfiniteTimeSpan);
        var options = TestClients.Options(maxRetries: 0);
        options.IdleTimeout = TimeSpan.FromMilliseconds(200);
        using var client = new OssClient(options, new StaticOssCredentialsProvider(new OssCredentials("ak", "sk")), handler, null);

        var ex = await Assert.ThrowsAsync<OssTransportException>(() => client.UploadPartAsync(new UploadPartRequest("bucket", "k", "U", 1, RequestBody.FromBytes(new byte[1000]))));

        Assert.True(ex.IsTimeout);
    }

    /// <summary>A transport whose network accepts body bytes slowly.</summary>
    private sealed class SlowDrainHandler : HttpMessageHandler
    {
        private readonly TimeSpan _perWrite;
        private int _writes;

        public SlowDrainHandler(TimeSpan perWrite)
        {
            _perWrite = perWrite;
        }

        public int Writes => _writes;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sink = new SlowStream(this);
            await request.Content!.CopyToAsync(sink, cancellationToken);
            return FakeOssHandler.Response(HttpStatusCode.OK, null, ("ETag", "\"E\""), ("x-oss-hash-crc64ecma", sink.Crc.ToString(CultureInfo.InvariantCulture)));
        }

        private sealed class SlowStream : MemoryStream
        {
            private readonly SlowDrainHandler _owner;

            public SlowStream(SlowDrainHandler owner)
            {
                _owner = owner;
            }

            public ulong Crc { get; private set; }

            public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Delay(_owner._perWrite, cancellationToken);
                Crc = Crc64.Append(Crc, buffer.AsSpan(offset, count));
                Interlocked.Increment(ref _owner._writes);
            }

            public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await Task.Delay(_owner._perWrite, cancellationToken);
                Crc = Crc64.Append(Crc, buffer.Span);
                Interlocked.Increment(ref _owner._writes);
            }
        }
    }
}
