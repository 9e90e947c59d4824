using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

/// <summary>
/// The link model (<see cref="EmulatorLink"/>): the shapes a client sees across a long fat pipe, with
/// generous margins (the machine is shared). Lower bounds are the model's promise (it never delivers
/// faster than the link); upper bounds only catch a model that does not work at all.
/// </summary>
public sealed class LinkModelTests : EmulatorTestBase, IDisposable
{
    private const long MB = 1_000_000;

    // A fresh connection pool per test: the tests count connections and handshakes.
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) });

    public void Dispose() => _http.Dispose();

    private OssTestClient LinkClient()
    {
        Client.Http = _http;
        return Client;
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        long started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started);
    }

    private async Task<TimeSpan> TimedPutAsync(string key, byte[] data)
    {
        OssResponse? response = null;
        TimeSpan elapsed = await TimeAsync(async () => response = await LinkClient().SendAsync("PUT", Bucket, key, body: data));
        Assert.True(response!.Status == HttpStatusCode.OK, response.ToString());
        return elapsed;
    }

    // Opens the pool's connections (one per parallel request) before the timed part: with a round
    // trip the requests surely overlap, so each gets its own connection.
    private async Task WarmUpAsync(int connections)
    {
        EmulatorLink link = Emulator.Link;
        Emulator.Link = EmulatorLink.Parse("rtt=50ms");
        await Task.WhenAll(Enumerable.Range(0, connections).Select(i => LinkClient().SendAsync("PUT", Bucket, "warm-" + i, body: new byte[] { 1 })));
        Emulator.Link = link;
        Assert.Equal(connections, Emulator.GetStatistics().ConnectionsOpen);
    }

    private static void AssertBetween(TimeSpan actual, double minSeconds, double maxSeconds, string what) =>
        Assert.True(
            actual.TotalSeconds >= minSeconds && actual.TotalSeconds <= maxSeconds,
            string.Format(CultureInfo.InvariantCulture, "{0} took {1:0.000} s; expected {2:0.000}..{3:0.000} s", what, actual.TotalSeconds, minSeconds, maxSeconds));

    [Fact]
    public async Task PerConnection_OneConnection_CarriesThePerConnectionRate()
    {
        Emulator.Link = new EmulatorLink(4 * MB, TimeSpan.Zero, 0);
        await WarmUpAsync(1);

        // 2 MB at 4 MB/s: 0.5 s.
        TimeSpan elapsed = await TimedPutAsync("one", Data(2_000_000));

        AssertBetween(elapsed, 0.45, 1.5, "2 MB over one 4 MB/s connection");
        Assert.Equal(2_000_000, Emulator.GetObjectInfo(Bucket, "one")!.Size);
    }

    [Fact]
    public async Task PerConnection_FourConnectionsUnderTheTotal_EachCarriesItsOwnRate()
    {
        Emulator.Link = new EmulatorLink(2 * MB, TimeSpan.Zero, 100 * MB);
        await WarmUpAsync(4);

        // 4 x 1 MB at 2 MB/s each, in parallel: 0.5 s (one connection after the other: 2 s).
        TimeSpan elapsed = await TimeAsync(() => Task.WhenAll(Enumerable.Range(0, 4).Select(i => TimedPutAsync("p" + i, Data(1_000_000, seed: i)))));

        AssertBetween(elapsed, 0.45, 1.4, "4 x 1 MB over four 2 MB/s connections");
    }

    [Fact]
    public async Task Total_EightConnections_ShareItFairly()
    {
        Emulator.Link = new EmulatorLink(2 * MB, TimeSpan.Zero, 8 * MB);
        await WarmUpAsync(8);

        // 8 x 1 MB: 8 x 2 MB/s would be 16 MB/s, the total caps it at 8 MB/s: 1 s for all, and
        // every connection gets its eighth, so none finishes much before the others.
        TimeSpan[] each = Array.Empty<TimeSpan>();
        TimeSpan elapsed = await TimeAsync(async () => each = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => TimedPutAsync("s" + i, Data(1_000_000, seed: i)))));

        AssertBetween(elapsed, 0.9, 2.5, "8 x 1 MB within an 8 MB/s total");
        Assert.All(each, one => AssertBetween(one, 0.7, 2.5, "one of 8 fair shares"));
    }

    [Fact]
    public async Task RoundTrip_EveryRequest_PaysItAndANewConnectionPaysTheHandshakeToo()
    {
        Emulator.Link = new EmulatorLink(0, TimeSpan.FromMilliseconds(100), 0);
        OssTestClient client = LinkClient();

        TimeSpan first = await TimeAsync(() => client.SendAsync("GET", Bucket, "missing"));
        TimeSpan[] next = new TimeSpan[3];
        for (int i = 0; i < next.Length; i++)
        {
            next[i] = await TimeAsync(() => client.SendAsync("GET", Bucket, "missing"));
        }

        AssertBetween(first, 0.2, 1.5, "the first request (TCP handshake + request)");
        Assert.All(next, one => AssertBetween(one, 0.1, 1.0, "a request on an open connection"));
        Assert.Equal(1, Emulator.GetStatistics().ConnectionsAccepted);
    }

    [Fact]
    public async Task RoundTrip_NewConnection_RampsUpWithSlowStartThenRunsAtTheRate()
    {
        Emulator.Link = EmulatorLink.Parse("per-connection=16MB/s,rtt=100ms");

        // Cold: the handshake, then 14.6, 29, 58, 117 KB per round trip (initial window of 10
        // segments, doubling): about five round trips for 200 KB. Warm: one round trip plus 12.5 ms.
        TimeSpan cold = await TimedPutAsync("cold", Data(200_000));
        TimeSpan warm = await TimedPutAsync("warm", Data(200_000));

        AssertBetween(cold, 0.45, 3.0, "200 KB on a new connection");
        AssertBetween(warm, 0.1, 1.0, "200 KB on the same connection right after");
        Assert.True(warm < cold, "warm " + warm + " vs cold " + cold);
    }

    [Fact]
    public async Task RoundTrip_Https_TlsHandshakeAndBytesCrossTheLinkToo()
    {
        var options = new EmulatorOptions
        {
            Https = true,
            Credentials = { new EmulatorCredential(AccessKeyId, Secret) },
            Buckets = { Bucket },
            Link = EmulatorLink.Parse("per-connection=2MB/s,rtt=100ms"),
        };
        await using OssEmulator https = await OssEmulator.StartAsync(options);
        using HttpClient http = HttpsTests.TrustingClient(X509CertificateLoader.LoadCertificateFromFile(https.CertificatePath!), https.Port);
        var client = new OssTestClient(https.Endpoint, AccessKeyId, Secret) { Http = http };

        TimeSpan first = await TimeAsync(() => client.SendAsync("GET", Bucket, "missing"));
        OssResponse? put = null;
        TimeSpan upload = await TimeAsync(async () => put = await client.SendAsync("PUT", Bucket, "tls", body: Data(1_000_000)));

        // TCP handshake, TLS handshake (one round trip with TLS 1.3, two with 1.2), then the request.
        AssertBetween(first, 0.3, 2.5, "the first request over HTTPS");
        Assert.True(put!.Status == HttpStatusCode.OK, put.ToString());
        AssertBetween(upload, 0.6, 2.5, "1 MB over HTTPS at 2 MB/s with a 100 ms round trip");
        Assert.True(https.GetStatistics().LinkBytesReceived > 1_000_000, "TLS records and headers cross the link too");
        Assert.Equal(1, https.GetStatistics().ConnectionsAccepted);
    }

    [Fact]
    public async Task RoundTrip_ChangedAtRunTime_AppliesToOpenConnections()
    {
        OssTestClient client = LinkClient();
        await client.SendAsync("GET", Bucket, "missing");

        Emulator.Link = EmulatorLink.Parse("rtt=300ms");
        TimeSpan slow = await TimeAsync(() => client.SendAsync("GET", Bucket, "missing"));
        Emulator.Link = EmulatorLink.None;
        TimeSpan fast = await TimeAsync(() => client.SendAsync("GET", Bucket, "missing"));

        AssertBetween(slow, 0.3, 1.5, "a request after rtt=300ms was set");
        AssertBetween(fast, 0, 0.29, "a request after the link was removed");
        Assert.Equal(1, Emulator.GetStatistics().ConnectionsAccepted);
    }

    [Fact]
    public async Task PerConnection_ChunkedBody_IsPacedLikeASizedOne()
    {
        Emulator.Link = EmulatorLink.Parse("per-connection=2MB/s");
        await WarmUpAsync(1);
        byte[] data = Data(1_000_000, seed: 3);

        OssResponse? put = null;
        TimeSpan elapsed = await TimeAsync(async () => put = await LinkClient().SendContentAsync("PUT", Bucket, "chunked", null, new StreamContent(new Crc64ReadStream(data))));

        Assert.True(put!.Status == HttpStatusCode.OK, put.ToString());
        AssertBetween(elapsed, 0.45, 1.5, "a 1 MB chunked body at 2 MB/s");
        Assert.Equal(Crc64.Compute(data), Emulator.GetObjectInfo(Bucket, "chunked")!.Crc64);
    }

    [Fact]
    public async Task PerConnection_ResponseBody_IsPacedInTheDownloadDirection()
    {
        byte[] data = Data(1_000_000, seed: 4);
        await TimedPutAsync("download", data);
        Emulator.Link = EmulatorLink.Parse("per-connection=2MB/s");

        OssResponse? get = null;
        TimeSpan elapsed = await TimeAsync(async () => get = await LinkClient().SendAsync("GET", Bucket, "download"));

        Assert.Equal(data, get!.Body);
        AssertBetween(elapsed, 0.45, 1.5, "a 1 MB download at 2 MB/s");
    }

    [Fact]
    public async Task Faults_ThrottleUnderTheLink_TheSlowerOneWins()
    {
        Emulator.Link = EmulatorLink.Parse("per-connection=8MB/s,rtt=20ms");
        await WarmUpAsync(1);
        Emulator.Faults.Add("op=PutObject,action=throttle,bps=1000000");

        TimeSpan elapsed = await TimedPutAsync("throttled", Data(500_000));

        AssertBetween(elapsed, 0.45, 1.5, "0.5 MB throttled to 1 MB/s on an 8 MB/s link");
    }

    [Fact]
    public async Task Faults_ResetUnderTheLink_CutsTheConnectionAfterTheBytesArrived()
    {
        Emulator.Link = EmulatorLink.Parse("per-connection=4MB/s,rtt=20ms");
        Emulator.Faults.Add("op=PutObject,action=reset,bytes=100000");

        await Assert.ThrowsAsync<HttpRequestException>(() => LinkClient().SendAsync("PUT", Bucket, "reset", body: Data(1_000_000)));

        EmulatorStatistics statistics = Emulator.GetStatistics();
        Assert.Equal(100_000, statistics.GetBodyBytesRead(EmulatorOperation.PutObject));
        Assert.Equal(1, statistics.ConnectionsAborted);
        Assert.Null(Emulator.GetObjectInfo(Bucket, "reset"));
    }

    [Fact]
    public async Task Statistics_PartsInFlight_ShowInPeaksAndTimeline()
    {
        Emulator.Link = EmulatorLink.Parse("per-connection=1MB/s");
        await WarmUpAsync(4);
        Emulator.ResetStatistics();

        // Four 300 KB bodies at 1 MB/s each take 0.3 s, side by side.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => TimedPutAsync("t" + i, Data(300_000, seed: i))));
        EmulatorSample[] samples = await WaitForSampleAsync(s => s.BodyBytesRead == 1_200_000);

        EmulatorStatistics statistics = Emulator.GetStatistics();
        Assert.Equal(4, statistics.MaxRequestsInProgress);
        Assert.Equal(4, statistics.ConnectionsOpen);
        Assert.Equal(4, statistics.MaxConnectionsOpen);
        Assert.Equal(0, statistics.ConnectionsAccepted);
        Assert.InRange(statistics.LinkBytesReceived, 1_200_000, 1_200_000 + (4 * 4096));
        Assert.Contains(samples, s => s.MaxRequestsInProgress == 4);
        Assert.All(samples.Zip(samples.Skip(1)), pair =>
        {
            Assert.True(pair.Second.Elapsed > pair.First.Elapsed);
            Assert.True(pair.Second.BodyBytesRead >= pair.First.BodyBytesRead);
            Assert.True(pair.Second.LinkBytesReceived >= pair.First.LinkBytesReceived);
        });
        Assert.All(samples, s => Assert.Equal(4, s.ConnectionsOpen));
    }

    private async Task<EmulatorSample[]> WaitForSampleAsync(Func<EmulatorSample, bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            EmulatorSample[] samples = Emulator.GetTimeline().ToArray();
            if (samples.Any(condition) || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Contains(samples, s => condition(s));
                return samples;
            }

            await Task.Delay(50);
        }
    }
}
