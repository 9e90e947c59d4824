using System;
using System.Collections.Generic;
using OssResumable.Core.Protocol;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Tests.Protocol;

public class OssEndpointTests
{
    private static readonly List<KeyValuePair<string, string>> NoQuery = new();

    [Fact]
    public void Resolve_RegionOnly_UsesHttpsPublicEndpointVirtualHosted()
    {
        var endpoint = OssEndpoint.Resolve(new OssClientOptions { Region = "cn-hangzhou" });

        Assert.Equal("https://examplebucket.oss-cn-hangzhou.aliyuncs.com/dir/file.bin", endpoint.BuildUri("examplebucket", "dir/file.bin", NoQuery).AbsoluteUri);
        Assert.False(endpoint.PathStyle);
        Assert.Equal("cn-hangzhou", endpoint.Region);
    }

    [Fact]
    public void Resolve_HttpEndpoint_KeepsSchemeAndPort()
    {
        var endpoint = OssEndpoint.Resolve(new OssClientOptions { Endpoint = new Uri("http://oss-cn-shanghai.aliyuncs.com:8080") });

        Assert.Equal("http://b1.oss-cn-shanghai.aliyuncs.com:8080/k", endpoint.BuildUri("b1", "k", NoQuery).AbsoluteUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000/bucket/key")]
    [InlineData("http://[::1]:9000", "http://[::1]:9000/bucket/key")]
    [InlineData("http://localhost:9000", "http://localhost:9000/bucket/key")]
    public void Resolve_IpOrLocalhost_UsesPathStyle(string endpointText, string expected)
    {
        var endpoint = OssEndpoint.Resolve(new OssClientOptions { Endpoint = new Uri(endpointText), Region = "cn-hangzhou" });

        Assert.True(endpoint.PathStyle);
        Assert.Equal(expected, endpoint.BuildUri("bucket", "key", NoQuery).AbsoluteUri);
    }

    [Fact]
    public void BuildUri_PathStyleBucketLevel_HasTrailingSlash()
    {
        var endpoint = OssEndpoint.Resolve(new OssClientOptions { Endpoint = new Uri("http://127.0.0.1:9000"), SignatureVersion = OssSignatureVersion.V1 });

        var uri = endpoint.BuildUri("bucket", null, new List<KeyValuePair<string, string>> { new("uploads", string.Empty), new("prefix", "a b+c/") });

        Assert.Equal("/bucket/?uploads&prefix=a%20b%2Bc%2F", uri.PathAndQuery);
    }

    [Fact]
    public void BuildUri_VirtualHostedBucketLevel_IsRoot()
    {
        var endpoint = OssEndpoint.Resolve(new OssClientOptions { Region = "cn-hangzhou" });

        Assert.Equal("https://bucket.oss-cn-hangzhou.aliyuncs.com/?uploads", endpoint.BuildUri("bucket", null, new List<KeyValuePair<string, string>> { new("uploads", string.Empty) }).AbsoluteUri);
    }

    [Fact]
    public void Resolve_UsePathStyleTrueOnDnsHost_UsesPathStyle()
    {
        var endpoint = OssEndpoint.Resolve(new OssClientOptions { Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"), UsePathStyle = true });

        Assert.Equal("https://oss-cn-hangzhou.aliyuncs.com/bucket/key", endpoint.BuildUri("bucket", "key", NoQuery).AbsoluteUri);
    }

    [Fact]
    public void Resolve_VirtualHostedOnIpAddress_ThrowsWithAdvice()
    {
        var ex = Assert.Throws<ArgumentException>(() => OssEndpoint.Resolve(
            new OssClientOptions { Endpoint = new Uri("http://127.0.0.1:9000"), UsePathStyle = false, Region = "cn-hangzhou" }));

        Assert.Contains("UsePathStyle", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oss-cn-hangzhou.aliyuncs.com", "cn-hangzhou")]
    [InlineData("oss-cn-hangzhou-internal.aliyuncs.com", "cn-hangzhou")]
    [InlineData("oss-ap-southeast-1.aliyuncs.com", "ap-southeast-1")]
    [InlineData("cn-shanghai.oss.aliyuncs.com", "cn-shanghai")]
    [InlineData("oss-accelerate.aliyuncs.com", null)]
    [InlineData("oss-accelerate-overseas.aliyuncs.com", null)]
    [InlineData("files.example.com", null)]
    [InlineData("127.0.0.1", null)]
    public void RegionFromHost_KnownPatterns_DerivesRegion(string host, string? expected)
    {
        Assert.Equal(expected, OssEndpoint.RegionFromHost(host));
    }

    [Fact]
    public void Resolve_V4WithoutDerivableRegion_ThrowsAskingForTheRegion()
    {
        var ex = Assert.Throws<ArgumentException>(() => OssEndpoint.Resolve(new OssClientOptions { Endpoint = new Uri("http://127.0.0.1:9000") }));

        Assert.Contains("Give the region (for example cn-hangzhou)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("signature version 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_V1WithoutRegion_IsAllowed()
    {
        var endpoint = OssEndpoint.Resolve(new OssClientOptions { Endpoint = new Uri("http://127.0.0.1:9000"), SignatureVersion = OssSignatureVersion.V1 });

        Assert.Null(endpoint.Region);
    }

    [Fact]
    public void Resolve_ExplicitRegionWithEndpoint_SignsForExplicitRegion()
    {
        var endpoint = OssEndpoint.Resolve(new OssClientOptions { Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"), Region = "cn-beijing" });

        Assert.Equal("cn-beijing", endpoint.Region);
    }

    [Fact]
    public void Resolve_NoEndpointNoRegion_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => OssEndpoint.Resolve(new OssClientOptions()));

        Assert.Contains("Region", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/prefix")]
    [InlineData("http://127.0.0.1:9000/?a=b")]
    [InlineData("ftp://127.0.0.1")]
    public void Resolve_EndpointWithPathQueryOrOtherScheme_Throws(string endpoint)
    {
        Assert.Throws<ArgumentException>(() => OssEndpoint.Resolve(new OssClientOptions { Endpoint = new Uri(endpoint), Region = "cn-hangzhou" }));
    }

    [Theory]
    [InlineData("CN_Hangzhou")]
    [InlineData("cn hangzhou")]
    public void Resolve_MalformedRegion_Throws(string region)
    {
        Assert.Throws<ArgumentException>(() => OssEndpoint.Resolve(new OssClientOptions { Region = region }));
    }

    [Theory]
    [InlineData("oss-cn-hangzhou.aliyuncs.com", "https://oss-cn-hangzhou.aliyuncs.com/")]
    [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000/")]
    [InlineData(" https://files.example.com ", "https://files.example.com/")]
    public void ParseEndpoint_Text_DefaultsToHttps(string text, string expected)
    {
        Assert.Equal(expected, OssClientOptions.ParseEndpoint(text).AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ftp://host")]
    [InlineData("http://")]
    public void ParseEndpoint_Invalid_Throws(string text)
    {
        Assert.Throws<ArgumentException>(() => OssClientOptions.ParseEndpoint(text));
    }

    [Fact]
    public void OssClient_InvalidOptions_ThrowsArgumentException()
    {
        var credentials = new OssCredentials("ak", "sk");
        Assert.Throws<ArgumentException>(() => new OssClient(new OssClientOptions { Region = "cn-hangzhou", MaxRetries = -1 }, credentials));
        Assert.Throws<ArgumentException>(() => new OssClient(new OssClientOptions { Region = "cn-hangzhou", MaxConnectionsPerServer = 0 }, credentials));
        Assert.Throws<ArgumentException>(() => new OssClient(new OssClientOptions { Region = "cn-hangzhou", IdleTimeout = TimeSpan.Zero }, credentials));
        Assert.Throws<ArgumentException>(() => new OssClient(
            new OssClientOptions { Region = "cn-hangzhou", RetryBaseDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(1) }, credentials));
    }

    [Fact]
    public void OssClient_DefaultOptions_SignsV4ForDerivedRegion()
    {
        using var client = new OssClient(new OssClientOptions { Endpoint = new Uri("https://oss-eu-central-1.aliyuncs.com") }, new OssCredentials("ak", "sk"));

        Assert.Equal("eu-central-1", client.SigningRegion);
        Assert.False(client.UsesPathStyle);
    }
}
