using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

public class ResponseShapeTests : EmulatorTestBase
{
    private readonly CapturingLogger _logger = new();

    protected override void Configure(EmulatorOptions options)
    {
        options.Logger = _logger;
        options.Credentials.Add(new EmulatorCredential("sts-id", "sts-secret-value", "sts-token-value"));
    }

    [Fact]
    public async Task SuccessXml_HasExactDeclarationNoNamespaceNoBom()
    {
        string id = await InitiateAsync("k");

        OssResponse[] responses =
        {
            await Client.SendAsync("POST", Bucket, "k2", new[] { Q("uploads") }),
            await Client.SendAsync("GET", Bucket, "k", new[] { Q("uploadId", id) }),
            await Client.SendAsync("GET", Bucket, null, new[] { Q("uploads") }),
            await Client.SendAsync("GET", Bucket, null),
        };

        foreach (OssResponse response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.NotEqual(0xEF, response.Body[0]);
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", response.Text, StringComparison.Ordinal);
            Assert.Equal("application/xml", response.Header("Content-Type"));
            Assert.All(response.Xml.Descendants(), e => Assert.Equal(string.Empty, e.Name.NamespaceName));
            Assert.DoesNotContain("xmlns", response.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ErrorXml_HasCodeMessageRequestIdHostIdEcRecommendDoc()
    {
        OssResponse response = await Client.SendAsync("GET", Bucket, "missing");

        Assert.Equal(new[] { "Code", "Message", "RequestId", "HostId", "Key", "EC", "RecommendDoc" }, response.Xml.Root!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Error", response.Xml.Root.Name.ToString());
        Assert.Equal("127.0.0.1:" + Emulator.Port, response.XmlValue("HostId"));
    }

    [Fact]
    public async Task EveryResponse_HasRequestIdServerAndDate()
    {
        OssResponse ok = await PutObjectAsync("k", Data(1));
        OssResponse deleted = await Client.SendAsync("DELETE", Bucket, "k");

        foreach (OssResponse response in new[] { ok, deleted })
        {
            Assert.Matches("^[0-9A-F]{24}$", response.Header("x-oss-request-id"));
            Assert.Equal("AliyunOSS", response.Header("Server"));
            Assert.NotNull(response.Header("Date"));
        }

        Assert.NotEqual(ok.Header("x-oss-request-id"), deleted.Header("x-oss-request-id"));
    }

    [Fact]
    public async Task UserMetadata_Utf8Values_RoundTrip()
    {
        await PutObjectAsync("m", Data(1), H("x-oss-meta-Title", "数据 ✓"));

        EmulatorObjectInfo info = Emulator.GetObjectInfo(Bucket, "m")!;
        OssResponse head = await Client.SendAsync("HEAD", Bucket, "m");

        Assert.Equal("数据 ✓", info.UserMetadata["title"]);
        Assert.Equal("数据 ✓", head.Header("x-oss-meta-title"));
    }

    [Fact]
    public async Task VerboseLog_OneLinePerRequest_NeverSecretsOrQuery()
    {
        using var sts = new OssTestClient(Emulator.Endpoint, "sts-id", "sts-secret-value") { SecurityToken = "sts-token-value" };
        await sts.SendAsync("PUT", Bucket, "logged", body: Data(1));
        await OssTestClient.GetUrlAsync(sts.PresignV1("GET", Bucket, "logged", DateTimeOffset.UtcNow.AddMinutes(1)));
        Client.Secret = "wrong-secret";
        await Client.SendAsync("GET", Bucket, "logged");

        string log = string.Join("\n", _logger.Lines);
        Assert.Equal(3, _logger.Lines.Count);
        Assert.Contains("PUT /" + Bucket + "/logged PutObject -> 200", log, StringComparison.Ordinal);
        Assert.Contains("SignatureDoesNotMatch", log, StringComparison.Ordinal);
        foreach (string secret in new[] { "sts-secret-value", "sts-token-value", "wrong-secret", Secret, "Signature=", "OSSAccessKeyId", "OSS " })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetObject_WhileOverwritten_ServesOneCompleteVersion()
    {
        byte[] first = Data(3_000_000, seed: 1);
        byte[] second = Data(3_000_000, seed: 2);
        await PutObjectAsync("hot", first);

        Task<OssResponse>[] readers = Enumerable.Range(0, 4).Select(_ => Client.SendAsync("GET", Bucket, "hot")).ToArray();
        OssResponse overwrite = await PutObjectAsync("hot", second);
        OssResponse[] reads = await Task.WhenAll(readers);

        Assert.Equal(HttpStatusCode.OK, overwrite.Status);
        Assert.All(reads, r => Assert.True(r.Body.AsSpan().SequenceEqual(first) || r.Body.AsSpan().SequenceEqual(second)));

        // The replaced version's blob goes once the last reader's lease is released (just after
        // the server finished sending, which can be a moment after the client has read it all).
        string blobs = System.IO.Path.Combine(DataDirectory, "buckets", Bucket, "blobs");
        for (int i = 0; i < 100 && System.IO.Directory.GetFiles(blobs).Length > 1; i++)
        {
            await Task.Delay(50);
        }

        Assert.Single(System.IO.Directory.GetFiles(blobs));
    }

    [Fact]
    public async Task CopyObjectToAsync_StreamsContent()
    {
        await PutObjectAsync("c", Data(5000));
        using var buffer = new System.IO.MemoryStream();

        long copied = await Emulator.CopyObjectToAsync(Bucket, "c", buffer);

        Assert.Equal(5000, copied);
        Assert.Equal(Data(5000), buffer.ToArray());
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => Emulator.ReadObject(Bucket, "absent"));
    }

    [Fact]
    public void Endpoints_AreLoopback()
    {
        Assert.Equal("http://127.0.0.1:" + Emulator.Port + "/", Emulator.Endpoint.ToString());
        Assert.Equal("http://" + Bucket + ".localhost:" + Emulator.Port + "/", Emulator.GetVirtualHostedEndpoint(Bucket).ToString());
        Assert.Equal("cn-hangzhou", Emulator.Region);
    }

    [Fact]
    public async Task Statistics_CountRequestsPerOperation()
    {
        Emulator.ResetStatistics();
        await PutObjectAsync("s", Data(100));
        await Client.SendAsync("GET", Bucket, "s");
        await Client.SendAsync("GET", Bucket, "missing");

        EmulatorStatistics stats = Emulator.GetStatistics();

        Assert.Equal(1, stats.GetRequestCount(EmulatorOperation.PutObject));
        Assert.Equal(2, Emulator.GetRequestCount(EmulatorOperation.GetObject));
        Assert.Equal(1, stats.GetErrorCount("NoSuchKey"));
        Assert.Equal(100, stats.BytesReceived);
        Assert.Equal(100, stats.BytesSent);
    }

    [Fact]
    public async Task HeadError_XOssErrDecodesToSameCodeAsGet()
    {
        OssResponse head = await Client.SendAsync("HEAD", "absent-bucket", "k");

        Assert.Equal(HttpStatusCode.NotFound, head.Status);
        string xml = Encoding.UTF8.GetString(Convert.FromBase64String(head.Header("x-oss-err")!));
        Assert.Contains("<Code>NoSuchBucket</Code>", xml, StringComparison.Ordinal);
    }
}
