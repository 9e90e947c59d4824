using System.Collections.Generic;
using System.Linq;
using OssResumable.Core.Signing;

namespace OssResumable.Core.Tests.Signing;

public class OssSignatureV4Tests
{
    private static KeyValuePair<string, string> P(string k, string v) => new(k, v);

    private static readonly KeyValuePair<string, string>[] SixParams =
    {
        P("param1", "value1"), P("+param1", "value3"), P("|param1", "value4"), P("+param2", string.Empty), P("|param2", string.Empty), P("param2", string.Empty),
    };

    private static SigningRequest HeaderRequest(string timestamp, string? token = null)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            P("x-oss-head1", "value"), P("abc", "value"), P("ZAbc", "value"), P("XYZ", "value"), P("content-type", "text/plain"),
            P("x-oss-content-sha256", "UNSIGNED-PAYLOAD"), P("x-oss-date", timestamp),
        };
        if (token is not null)
        {
            headers.Add(P("x-oss-security-token", token));
        }

        return new SigningRequest("PUT", "bucket", "1234+-/123/1.txt", SixParams, headers);
    }

    private static string Sign(SigningRequest request, string timestamp, string region, string product, IEnumerable<string>? additional = null)
    {
        string date = timestamp.Substring(0, 8);
        string scope = OssSignatureV4.BuildScope(date, region, product);
        string sts = OssSignatureV4.BuildStringToSign(timestamp, scope, OssSignatureV4.BuildCanonicalRequest(request, additional));
        string signature = OssSignatureV4.ComputeSignature(OssSignatureV4.DeriveSigningKey("sk", date, region, product), sts);
        return OssSignatureV4.FormatAuthorization("ak", scope, OssSignatureV4.ResolveAdditionalHeaders(request, additional), signature);
    }

    [Fact]
    public void BuildCanonicalRequest_HeaderVectorV4_1_MatchesDerivedText()
    {
        string canonical = OssSignatureV4.BuildCanonicalRequest(HeaderRequest("20231216T162057Z"));

        Assert.Equal(
            "PUT\n/bucket/1234%2B-/123/1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n" +
            "content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD",
            canonical);
    }

    [Fact]
    public void DeriveSigningKey_Vector_MatchesDerivedKey()
    {
        byte[] key = OssSignatureV4.DeriveSigningKey("sk", "20231216", "cn-hangzhou");

        Assert.Equal("b412a03b134ebddd720f5167b5de6db66620ebb3b01cff4d49e3ccb09f8de97f", string.Concat(key.Select(b => b.ToString("x2"))));
    }

    [Fact]
    public void FormatAuthorization_HeaderVectorV4_1_MatchesSdk()
    {
        Assert.Equal(
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe",
            Sign(HeaderRequest("20231216T162057Z"), "20231216T162057Z", "cn-hangzhou", "oss"));
    }

    [Fact]
    public void FormatAuthorization_StsTokenVectorV4_2_MatchesSdk()
    {
        Assert.Equal(
            "OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea",
            Sign(HeaderRequest("20231217T034736Z", "token"), "20231217T034736Z", "cn-hangzhou", "oss"));
    }

    [Theory]
    [InlineData("ZAbc,abc")]
    [InlineData("x-oss-no-exist,ZAbc,x-oss-head1,abc")]
    public void FormatAuthorization_AdditionalHeadersVectorV4_3_MatchesSdk(string additional)
    {
        Assert.Equal(
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=abc;zabc,Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f",
            Sign(HeaderRequest("20231216T172512Z"), "20231216T172512Z", "cn-hangzhou", "oss", additional.Split(',')));
    }

    [Fact]
    public void FormatAuthorization_CloudBoxVector_MatchesSdk()
    {
        Assert.Equal(
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cb-123/oss-cloudbox/aliyun_v4_request,Signature=94ce1f12c17d148ea681030275a94449d3357f5b5b21133996eec80af3e08a43",
            Sign(HeaderRequest("20231216T162057Z"), "20231216T162057Z", "cb-123", "oss-cloudbox"));
    }

    [Theory]
    [InlineData("20231217T025437Z", null, null, "a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe")]
    [InlineData("20231217T035628Z", "token", null, "3817ac9d206cd6dfc90f1c09c00be45005602e55898f26f5ddb06d7892e1f8b5")]
    [InlineData("20231217T033009Z", null, "abc;zabc", "6bd984bfe531afb6db1f7550983a741b103a8c58e5e14f83ea474c2322dfa2b7")]
    public void ComputeSignature_PresignedVectors_MatchSdk(string timestamp, string? token, string? additional, string expected)
    {
        var query = SixParams.ToList();
        query.Add(P("x-oss-signature-version", "OSS4-HMAC-SHA256"));
        query.Add(P("x-oss-credential", "ak/20231217/cn-hangzhou/oss/aliyun_v4_request"));
        query.Add(P("x-oss-date", timestamp));
        query.Add(P("x-oss-expires", "599"));
        if (token is not null)
        {
            query.Add(P("x-oss-security-token", token));
        }

        if (additional is not null)
        {
            query.Add(P("x-oss-additional-headers", additional));
        }

        var headers = new[] { P("x-oss-head1", "value"), P("abc", "value"), P("ZAbc", "value"), P("XYZ", "value"), P("content-type", "application/octet-stream") };
        var request = new SigningRequest("PUT", "bucket", "1234+-/123/1.txt", query, headers);
        string scope = OssSignatureV4.BuildScope("20231217", "cn-hangzhou");
        string sts = OssSignatureV4.BuildStringToSign(timestamp, scope, OssSignatureV4.BuildCanonicalRequest(request, additional?.Split(';')));

        Assert.Equal(expected, OssSignatureV4.ComputeSignature(OssSignatureV4.DeriveSigningKey("sk", "20231217", "cn-hangzhou"), sts));
    }

    [Theory]
    [InlineData("POST", "multipart.data", "uploads||encoding-type|url", true, "9c8d9cae580f7866bac91a9b21cff574ebcbb9da6d81d2495b3924f153892c54")]
    [InlineData("PUT", "multipart.data", "partNumber|1|uploadId|0004B9895DBBB6EC98E36", false, "db404239ea444d7f19cca63ab4ef58ef5e89f2196192176ed980122e7c1c8a3e")]
    [InlineData("GET", "", "uploads||max-uploads|2|encoding-type|url", false, "b71e4704d8eba4b9156bcf9025b41cb7c579cd49f25a5beb4d3a4ccda92d4243")]
    public void ComputeSignature_MultipartOperationVectors_Match(string method, string key, string query, bool contentType, string expected)
    {
        string[] parts = query.Split('|');
        var q = new List<KeyValuePair<string, string>>();
        for (int i = 0; i < parts.Length; i += 2)
        {
            q.Add(P(parts[i], parts[i + 1]));
        }

        var headers = new List<KeyValuePair<string, string>> { P("x-oss-content-sha256", "UNSIGNED-PAYLOAD"), P("x-oss-date", "20120222T083221Z") };
        if (contentType)
        {
            headers.Add(P("Content-Type", "application/octet-stream"));
        }

        var request = new SigningRequest(method, "examplebucket", key, q, headers);
        string scope = OssSignatureV4.BuildScope("20120222", "cn-hangzhou");
        string sts = OssSignatureV4.BuildStringToSign("20120222T083221Z", scope, OssSignatureV4.BuildCanonicalRequest(request));

        Assert.Equal(expected, OssSignatureV4.ComputeSignature(OssSignatureV4.DeriveSigningKey("sk", "20120222", "cn-hangzhou"), sts));
    }
}
