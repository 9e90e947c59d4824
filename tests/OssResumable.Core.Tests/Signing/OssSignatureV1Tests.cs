using System.Collections.Generic;
using OssResumable.Core.Signing;

namespace OssResumable.Core.Tests.Signing;

public class OssSignatureV1Tests
{
    private static KeyValuePair<string, string> P(string k, string v) => new(k, v);

    private static SigningRequest V1Put(params KeyValuePair<string, string>[] query) => new(
        "PUT", "examplebucket", "nelson", query,
        new[]
        {
            P("Content-MD5", "eB5eJF1ptWaXm4bijSPyxw=="), P("Content-Type", "text/html"),
            P("x-oss-meta-author", "alice"), P("x-oss-meta-magic", "abracadabra"),
            P("x-oss-date", "Wed, 28 Dec 2022 10:27:41 GMT"), P("Date", "Wed, 28 Dec 2022 10:27:41 GMT"),
        });

    [Fact]
    public void BuildStringToSign_ObjectPutVectorV1_1_MatchesSdk()
    {
        string sts = OssSignatureV1.BuildStringToSign(V1Put(), "Wed, 28 Dec 2022 10:27:41 GMT");

        Assert.Equal(
            "PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n/examplebucket/nelson",
            sts);
        Assert.Equal("kSHKmLxlyEAKtZPkJhG9bZb5k7M=", OssSignatureV1.ComputeSignature("sk", sts));
    }

    [Fact]
    public void ComputeSignature_AclSubresourceVectorV1_2_IgnoresUnsignedParameters()
    {
        var request = V1Put(P("acl", string.Empty), P("non-resousce", "123"));
        string sts = OssSignatureV1.BuildStringToSign(request, "Wed, 28 Dec 2022 10:27:41 GMT");

        Assert.EndsWith("/examplebucket/nelson?acl", sts);
        Assert.Equal("/afkugFbmWDQ967j1vr6zygBLQk=", OssSignatureV1.ComputeSignature("sk", sts));
    }

    [Theory]
    [InlineData(false, "vkQmfuUDyi1uDi3bKt67oemssIs=")]
    [InlineData(true, "x3E5TgOvl/i7PN618s5mEvpJDYk=")]
    public void ComputeSignature_BucketLevelCustomSubresourceVectors_MatchSdk(bool withAcl, string expected)
    {
        var query = withAcl
            ? new[] { P("resourceGroup", string.Empty), P("acl", string.Empty) }
            : new[] { P("resourceGroup", string.Empty), P("non-resousce", "null") };
        var request = new SigningRequest("GET", "examplebucket", null, query, new[] { P("x-oss-date", "Wed, 28 Dec 2022 10:27:41 GMT") });

        string sts = OssSignatureV1.BuildStringToSign(request, "Wed, 28 Dec 2022 10:27:41 GMT", new[] { "resourceGroup" });

        Assert.Equal(expected, OssSignatureV1.ComputeSignature("sk", sts));
    }

    [Fact]
    public void ComputeSignature_PresignedUrlWithTokenVector_MatchesSdk()
    {
        var request = new SigningRequest("GET", "bucket", "key+123", new[] { P("versionId", "versionId"), P("security-token", "token") }, null);

        string sts = OssSignatureV1.BuildStringToSign(request, "1699808204");

        Assert.Equal("GET\n\n\n1699808204\n/bucket/key+123?security-token=token&versionId=versionId", sts);
        Assert.Equal("jzKYRrM5y6Br0dRFPaTGOsbrDhY=", OssSignatureV1.ComputeSignature("sk", sts));
    }

    [Fact]
    public void ComputeSignature_PresignedUrlVector_MatchesSdk()
    {
        var request = new SigningRequest("GET", "bucket", "key", new[] { P("versionId", "versionId") }, null);

        Assert.Equal("dcLTea+Yh9ApirQ8o8dOPqtvJXQ=", OssSignatureV1.ComputeSignature("sk", OssSignatureV1.BuildStringToSign(request, "1699807420")));
    }

    public static TheoryData<string, string, string[], string[], string> MultipartVectors => new()
    {
        { "PUT", "multipart.data", new[] { "partNumber", "1", "uploadId", "0004B9895DBBB6EC98E36" }, new string[0], "/hiONe4aS8K/ATkZDECkmbKkluw=" },
        { "POST", "multipart.data", new[] { "uploads", "", "encoding-type", "url" }, new[] { "Content-Type", "application/octet-stream", "x-oss-forbid-overwrite", "true" }, "Tf4eVUWOZK72m+SbiGyMyl9OH24=" },
        { "GET", "", new[] { "uploads", "", "max-uploads", "2", "encoding-type", "url" }, new[] { "x-oss-security-token", "token" }, "hJU7Oi/YzabTDNlg9FeBC9YXBDY=" },
        { "POST", "multipart.data", new[] { "uploadId", "0004B9895DBBB6EC98E36" }, new[] { "Content-Type", "application/xml", "Content-MD5", "KZuNqYt2G6vUN/FozXGkhQ==" }, "YxXl0EHbTa5iW3wAI1e1csMLeUI=" },
    };

    [Theory]
    [MemberData(nameof(MultipartVectors))]
    public void ComputeSignature_MultipartOperationVectors_Match(string method, string key, string[] query, string[] headers, string expected)
    {
        var q = new List<KeyValuePair<string, string>>();
        for (int i = 0; i < query.Length; i += 2)
        {
            q.Add(P(query[i], query[i + 1]));
        }

        var h = new List<KeyValuePair<string, string>> { P("Date", "Wed, 22 Feb 2012 08:32:21 GMT") };
        for (int i = 0; i < headers.Length; i += 2)
        {
            h.Add(P(headers[i], headers[i + 1]));
        }

        var request = new SigningRequest(method, "examplebucket", key, q, h);

        Assert.Equal(expected, OssSignatureV1.ComputeSignature("sk", OssSignatureV1.BuildStringToSign(request, "Wed, 22 Feb 2012 08:32:21 GMT")));
    }
}
