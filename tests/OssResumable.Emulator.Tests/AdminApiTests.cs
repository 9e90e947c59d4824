using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

public class AdminApiTests : EmulatorTestBase
{
    private static readonly HttpClient Http = new();

    private Uri Admin(string path) => new(Emulator.Endpoint, "/_emulator/" + path);

    private async Task<(HttpStatusCode Status, JsonElement Json)> CallAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, Admin(path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonElement json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }

    [Fact]
    public async Task Health_NeedsNoSignature()
    {
        (HttpStatusCode status, JsonElement json) = await CallAsync(HttpMethod.Get, "health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Faults_PostJsonFiresListDeleteById()
    {
        (HttpStatusCode created, JsonElement rule) = await CallAsync(HttpMethod.Post, "faults", """{"operation":"PutObject","action":"error","statusCode":503,"errorCode":"SlowDown","times":1}""");
        Assert.Equal(HttpStatusCode.Created, created);
        string id = rule.GetProperty("id").GetString()!;

        AssertError(await PutObjectAsync("k", Data(1)), HttpStatusCode.ServiceUnavailable, "SlowDown");
        Assert.Equal(HttpStatusCode.OK, (await PutObjectAsync("k", Data(1))).Status);

        (_, JsonElement list) = await CallAsync(HttpMethod.Get, "faults");
        JsonElement listed = Assert.Single(list.EnumerateArray());
        Assert.Equal(1, listed.GetProperty("fired").GetInt32());
        Assert.Equal(2, listed.GetProperty("matched").GetInt32());
        Assert.True(listed.GetProperty("exhausted").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync(HttpMethod.Delete, "faults/" + id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await CallAsync(HttpMethod.Delete, "faults/" + id)).Status);
        Assert.Equal(0, Emulator.Faults.Count);
    }

    [Fact]
    public async Task Faults_PostSpecTextAndClear()
    {
        (HttpStatusCode status, JsonElement rule) = await CallAsync(HttpMethod.Post, "faults", "op=GetObject,action=delay,ms=10,times=*", "text/plain");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("delay", rule.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("times").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync(HttpMethod.Delete, "faults")).Status);
        Assert.Equal(0, Emulator.Faults.Count);
    }

    [Theory]
    [InlineData("""{"operation":"Nope"}""")]
    [InlineData("""{"action":"error","statusCode":200}""")]
    [InlineData("""{"colour":"red"}""")]
    [InlineData("not json")]
    public async Task Faults_PostInvalid_400WithMessage(string body)
    {
        (HttpStatusCode status, JsonElement json) = await CallAsync(HttpMethod.Post, "faults", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
        Assert.Equal(0, Emulator.Faults.Count);
    }

    [Fact]
    public async Task Faults_ResetFaultViaJson_AbortsConnection()
    {
        await CallAsync(HttpMethod.Post, "faults", """{"spec":"op=PutObject,action=reset,bytes=10"}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => PutObjectAsync("k", Data(100_000)));
    }

    [Fact]
    public async Task StatsUploadsAndObjects_ReflectState()
    {
        await PutObjectAsync("obj", Data(123));
        string id = await InitiateAsync("up");
        await UploadPartAsync("up", id, 2, Data(10));

        (_, JsonElement stats) = await CallAsync(HttpMethod.Get, "stats");
        (_, JsonElement uploads) = await CallAsync(HttpMethod.Get, "uploads?bucket=" + Bucket);
        (_, JsonElement objects) = await CallAsync(HttpMethod.Get, "objects?bucket=" + Bucket);
        byte[] content = await Http.GetByteArrayAsync(Admin("object?bucket=" + Bucket + "&key=obj"));

        Assert.Equal(1, stats.GetProperty("requests").GetProperty("PutObject").GetInt64());
        Assert.Equal(133, stats.GetProperty("bytesReceived").GetInt64());
        JsonElement upload = Assert.Single(uploads.EnumerateArray());
        Assert.Equal(id, upload.GetProperty("uploadId").GetString());
        JsonElement part = Assert.Single(upload.GetProperty("parts").EnumerateArray());
        Assert.Equal(2, part.GetProperty("partNumber").GetInt32());
        Assert.Equal(Core.Hashing.Crc64.Compute(Data(10)).ToString(CultureInfo.InvariantCulture), part.GetProperty("crc64").GetString());
        Assert.Equal("obj", Assert.Single(objects.EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal(Data(123), content);

        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync(HttpMethod.Delete, "stats")).Status);
        Assert.Equal(0, Emulator.GetStatistics().Requests.Values.Sum());
    }

    [Fact]
    public async Task Uploads_DeleteById_MakesUploadVanish()
    {
        string id = await InitiateAsync("up");

        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync(HttpMethod.Delete, "uploads/" + id + "?bucket=" + Bucket)).Status);

        AssertError(await Client.SendAsync("GET", Bucket, "up", new[] { Q("uploadId", id) }), HttpStatusCode.NotFound, "NoSuchUpload");
    }

    [Fact]
    public async Task Buckets_PutCreatesOnce()
    {
        Assert.Equal(HttpStatusCode.Created, (await CallAsync(HttpMethod.Put, "buckets/admin-made")).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(HttpMethod.Put, "buckets/admin-made")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await CallAsync(HttpMethod.Put, "buckets/Bad_Name")).Status);

        (_, JsonElement buckets) = await CallAsync(HttpMethod.Get, "buckets");
        Assert.Equal(new[] { "admin-made", Bucket }, buckets.EnumerateArray().Select(b => b.GetString()));
    }

    [Fact]
    public async Task Clock_PutOffset_SkewsTheEmulator()
    {
        (HttpStatusCode status, JsonElement clock) = await CallAsync(HttpMethod.Put, "clock", """{"offsetSeconds":1200}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1200, clock.GetProperty("offsetSeconds").GetDouble());
        Assert.Equal(TimeSpan.FromMinutes(20), Emulator.ClockOffset);
        AssertError(await Client.SendAsync("GET", Bucket, "k"), HttpStatusCode.Forbidden, "RequestTimeTooSkewed");
    }

    [Fact]
    public async Task Credentials_PutAndDelete()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync(HttpMethod.Put, "credentials", """{"accessKeyId":"node-ak","accessKeySecret":"node-sk","securityToken":"tok"}""")).Status);
        using var client = new OssTestClient(Emulator.Endpoint, "node-ak", "node-sk") { SecurityToken = "tok" };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync("PUT", Bucket, "k", body: Data(1))).Status);

        (_, JsonElement ids) = await CallAsync(HttpMethod.Get, "credentials");
        Assert.DoesNotContain("node-sk", ids.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("node-ak", ids.EnumerateArray().Select(i => i.GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync(HttpMethod.Delete, "credentials/node-ak")).Status);
        AssertError(await client.SendAsync("GET", Bucket, "k"), HttpStatusCode.Forbidden, "InvalidAccessKeyId");
    }

    [Fact]
    public async Task Link_PutSpecOrJsonGetDelete()
    {
        (HttpStatusCode put, JsonElement link) = await CallAsync(HttpMethod.Put, "link", "per-connection=16MB/s,rtt=40ms,total=400MB/s", "text/plain");
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Equal("per-connection=16MB/s,rtt=40ms,total=400MB/s", link.GetProperty("spec").GetString());
        Assert.Equal(16_000_000, link.GetProperty("perConnectionBytesPerSecond").GetInt64());
        Assert.Equal(40, link.GetProperty("roundTripMs").GetDouble());
        Assert.Equal(400_000_000, link.GetProperty("totalBytesPerSecond").GetInt64());
        Assert.Equal(EmulatorLink.Parse("per-connection=16MB/s,rtt=40ms,total=400MB/s"), Emulator.Link);

        (_, JsonElement read) = await CallAsync(HttpMethod.Get, "link");
        Assert.Equal("per-connection=16MB/s,rtt=40ms,total=400MB/s", read.GetProperty("spec").GetString());

        (HttpStatusCode json, _) = await CallAsync(HttpMethod.Put, "link", """{"perConnectionBytesPerSecond":4000000,"roundTripMs":150}""");
        Assert.Equal(HttpStatusCode.OK, json);
        Assert.Equal(new EmulatorLink(4_000_000, TimeSpan.FromMilliseconds(150), 0), Emulator.Link);

        (HttpStatusCode spec, _) = await CallAsync(HttpMethod.Put, "link", """{"spec":"rtt=5ms"}""");
        Assert.Equal(HttpStatusCode.OK, spec);
        Assert.Equal(TimeSpan.FromMilliseconds(5), Emulator.Link.RoundTrip);

        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync(HttpMethod.Delete, "link")).Status);
        Assert.True(Emulator.Link.IsNone);
    }

    [Theory]
    [InlineData("per-connection=16Mb/s", "text/plain", "Mbit/s")]
    [InlineData("""{"latencyMs":40}""", "application/json", "Unknown link property 'latencyMs'")]
    [InlineData("""{"totalBytesPerSecond":5}""", "application/json", "between 1 KB/s and 100 GB/s")]
    public async Task Link_BadInput_400WithTheFixAndLinkUnchanged(string body, string contentType, string hint)
    {
        Emulator.Link = EmulatorLink.Parse("rtt=1ms");

        (HttpStatusCode status, JsonElement json) = await CallAsync(HttpMethod.Put, "link", body, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(hint, json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(EmulatorLink.Parse("rtt=1ms"), Emulator.Link);
    }

    [Fact]
    public async Task Timeline_SamplesCountersAndStatsShowPeaksAndLinkBytes()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutObjectAsync("k", Data(5000))).Status);
        await Task.Delay(350);

        (HttpStatusCode status, JsonElement timeline) = await CallAsync(HttpMethod.Get, "timeline");
        JsonElement[] samples = timeline.GetProperty("samples").EnumerateArray().ToArray();
        (_, JsonElement later) = await CallAsync(HttpMethod.Get, "timeline?since=" + samples[^1].GetProperty("t").GetDouble().ToString(CultureInfo.InvariantCulture));
        (_, JsonElement stats) = await CallAsync(HttpMethod.Get, "stats");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(100, timeline.GetProperty("intervalMs").GetDouble());
        Assert.True(samples.Length >= 2, timeline.GetRawText());
        JsonElement last = samples[^1];
        Assert.Equal(1, last.GetProperty("requests").GetInt64());
        Assert.Equal(5000, last.GetProperty("bodyBytesRead").GetInt64());
        Assert.InRange(last.GetProperty("linkBytesReceived").GetInt64(), 5001, 10_000);
        Assert.True(last.GetProperty("linkBytesSent").GetInt64() > 0);
        Assert.Equal(0, last.GetProperty("requestsInProgress").GetInt64());
        Assert.True(last.GetProperty("connectionsOpen").GetInt64() >= 1);
        Assert.True(last.GetProperty("maxRequestsInProgress").GetInt64() >= 0);
        Assert.All(later.GetProperty("samples").EnumerateArray(), s => Assert.True(s.GetProperty("t").GetDouble() > last.GetProperty("t").GetDouble()));
        Assert.Equal(1, stats.GetProperty("maxRequestsInProgress").GetInt64());
        Assert.True(stats.GetProperty("maxConnectionsOpen").GetInt64() >= 1);
        Assert.True(stats.GetProperty("linkBytesReceived").GetInt64() > 5000);

        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync(HttpMethod.Delete, "stats")).Status);
        Assert.DoesNotContain(Emulator.GetTimeline(), s => s.Requests > 0);
    }

    [Fact]
    public async Task Timeline_SinceNotANumber_400()
    {
        (HttpStatusCode status, _) = await CallAsync(HttpMethod.Get, "timeline?since=soon");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task UnknownRoute_404Json()
    {
        (HttpStatusCode status, JsonElement json) = await CallAsync(HttpMethod.Get, "nothing");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("No admin route", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VirtualHostedRequest_ForUnderscorePath_IsAnOssKeyNotAdmin()
    {
        Client.VirtualHostDomain = "localhost";

        OssResponse put = await PutObjectAsync("_emulator/health", Data(3));

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.NotNull(Emulator.GetObjectInfo(Bucket, "_emulator/health"));
    }
}
