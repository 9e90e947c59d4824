using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

public class AddressingTests : EmulatorTestBase
{
    public static TheoryData<string> AwkwardKeys => new()
    {
        "a/../b",
        "a/./b",
        "../escape",
        "a//b",
        "trailing/",
        "with space",
        "plus+sign",
        "percent%2Fliteral",
        "question?mark&amp=1#hash",
        "unicode-数据-😀",
        "back\\slash",
        "tab\tkey",
        "semi;colon:equals=",
    };

    [Theory]
    [MemberData(nameof(AwkwardKeys))]
    public async Task PathStyle_AwkwardKey_StoredAndReadUnderExactKey(string key)
    {
        byte[] data = Data(64);

        OssResponse put = await PutObjectAsync(key, data);
        OssResponse get = await Client.SendAsync("GET", Bucket, key);

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(data, get.Body);
        Assert.Equal(key, Assert.Single(Emulator.ListObjects(Bucket)).Key);
    }

    [Theory]
    [MemberData(nameof(AwkwardKeys))]
    public async Task VirtualHosted_AwkwardKey_StoredUnderExactKey(string key)
    {
        Client.VirtualHostDomain = "localhost";
        Client.Version = SignatureVersion.V4;

        OssResponse put = await PutObjectAsync(key, Data(8));

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(key, Assert.Single(Emulator.ListObjects(Bucket)).Key);
    }

    [Fact]
    public async Task VirtualHosted_MultipartAndBucketLevelRequests_Work()
    {
        Client.VirtualHostDomain = "localhost";
        string id = await InitiateAsync("vh/obj");
        string eTag = await UploadPartAsync("vh/obj", id, 1, Data(10));

        OssResponse list = await Client.SendAsync("GET", Bucket, null, new[] { Q("uploads") });
        OssResponse complete = await CompleteAsync("vh/obj", id, new[] { (1, eTag) });

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("vh/obj", list.XmlValue("Key"));
        Assert.Equal(HttpStatusCode.OK, complete.Status);
        Assert.Equal("http://" + Bucket + ".localhost:" + Emulator.Port + "/vh/obj", complete.XmlValue("Location"));
    }

    [Fact]
    public async Task SlashEncodedAsPercent2F_AddressesSameObjectAsPlainSlash()
    {
        // oss2 sends '/' in keys as %2F; the key (and the signature) are the same.
        await PutObjectAsync("dir/sub/file", Data(10));
        List<KeyValuePair<string, string>> headers = Client.Sign("GET", Bucket, "dir/sub/file", null, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Client.MakeUri("/" + Bucket + "/dir%2Fsub%2Ffile"));
        foreach (KeyValuePair<string, string> header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        OssResponse response = await OssTestClient.SendRawAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Data(10), response.Body);
    }

    [Fact]
    public async Task UploadsWithEqualsSign_SignedAsBareUploads()
    {
        // oss2 sends "?uploads=" — the canonical resource is still "?uploads".
        List<KeyValuePair<string, string>> headers = Client.Sign("POST", Bucket, "k", new[] { Q("uploads") }, null);
        using var request = new HttpRequestMessage(HttpMethod.Post, Client.MakeUri("/" + Bucket + "/k?uploads="));
        foreach (KeyValuePair<string, string> header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        OssResponse response = await OssTestClient.SendRawAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Matches("^[0-9A-F]{32}$", response.XmlValue("UploadId"));
    }

    [Fact]
    public async Task QueryPlus_DecodesAsSpace()
    {
        // Go's url.Values encodes a space as '+'; V4 signs the decoded value.
        Client.Version = SignatureVersion.V4;
        await InitiateAsync("a b/1");
        await InitiateAsync("a+b/1");
        List<KeyValuePair<string, string>> headers = Client.Sign("GET", Bucket, null, new[] { Q("uploads"), Q("prefix", "a b") }, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Client.MakeUri("/" + Bucket + "/?uploads&prefix=a+b"));
        foreach (KeyValuePair<string, string> header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        OssResponse response = await OssTestClient.SendRawAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(new[] { "a b/1" }, response.Xml.Descendants().Where(e => e.Name.LocalName == "Key").Select(e => e.Value));
    }

    [Fact]
    public async Task InvalidPercentEncoding_InvalidUri()
    {
        List<KeyValuePair<string, string>> headers = Client.Sign("GET", Bucket, "k", null, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Client.MakeUri("/" + Bucket + "/bad%zzkey"));
        foreach (KeyValuePair<string, string> header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        AssertError(await OssTestClient.SendRawAsync(request), HttpStatusCode.BadRequest, "InvalidURI");
    }

    [Fact]
    public async Task InvalidUtf8InKey_InvalidObjectName()
    {
        List<KeyValuePair<string, string>> headers = Client.Sign("GET", Bucket, "k", null, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Client.MakeUri("/" + Bucket + "/bad%FFkey"));
        foreach (KeyValuePair<string, string> header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        AssertError(await OssTestClient.SendRawAsync(request), HttpStatusCode.BadRequest, "InvalidObjectName");
    }

    [Fact]
    public async Task LocalhostHost_IsPathStyle()
    {
        await PutObjectAsync("k", Data(3));
        List<KeyValuePair<string, string>> headers = Client.Sign("GET", Bucket, "k", null, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Client.MakeUri("/" + Bucket + "/k"));
        request.Headers.Host = "localhost:" + Emulator.Port;
        foreach (KeyValuePair<string, string> header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        Assert.Equal(Data(3), (await OssTestClient.SendRawAsync(request)).Body);
    }

    [Theory]
    [InlineData("oss-cn-hangzhou.aliyuncs.com")]
    [InlineData("oss-cn-hangzhou-internal.aliyuncs.com")]
    [InlineData("cn-hangzhou.oss.aliyuncs.com")]
    public async Task OssDomainHost_IsVirtualHosted(string domain)
    {
        // ali-oss with an IP endpoint connects to the IP but sends Host: bucket.oss-<region>.aliyuncs.com.
        await PutObjectAsync("k", Data(3));
        List<KeyValuePair<string, string>> headers = Client.Sign("GET", Bucket, "k", null, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Client.MakeUri("/k"));
        request.Headers.Host = Bucket + "." + domain;
        foreach (KeyValuePair<string, string> header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        OssResponse response = await OssTestClient.SendRawAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Data(3), response.Body);
    }

    [Fact]
    public async Task OssServiceHost_IsPathStyle()
    {
        await PutObjectAsync("k", Data(3));
        List<KeyValuePair<string, string>> headers = Client.Sign("GET", Bucket, "k", null, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Client.MakeUri("/" + Bucket + "/k"));
        request.Headers.Host = "oss-cn-hangzhou.aliyuncs.com";
        foreach (KeyValuePair<string, string> header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        Assert.Equal(Data(3), (await OssTestClient.SendRawAsync(request)).Body);
    }
}
