using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using OssResumable.Core.Signing;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

public class AuthenticationTests : EmulatorTestBase
{
    private const string StsKey = "sts-ak";
    private const string StsSecret = "sts-secret";
    private const string StsToken = "sts-token-value";

    protected override void Configure(EmulatorOptions options)
    {
        options.Credentials.Add(new EmulatorCredential(StsKey, StsSecret, StsToken));
    }

    [Fact]
    public async Task V4Header_PutAndGet_Succeed()
    {
        Client.Version = SignatureVersion.V4;

        OssResponse put = await PutObjectAsync("v4/key with space+plus", Data(100), H("Content-Type", "text/plain"), H("x-oss-meta-a", "b"));
        OssResponse get = await Client.SendAsync("GET", Bucket, "v4/key with space+plus", new[] { Q("response-cache-control", "no-store") });

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(Data(100), get.Body);
    }

    [Fact]
    public async Task V4Header_WithAdditionalHostHeader_Succeeds()
    {
        Client.Version = SignatureVersion.V4;
        Client.AdditionalHeaders = new[] { "host" };

        Assert.Equal(HttpStatusCode.OK, (await PutObjectAsync("k", Data(10))).Status);
    }

    [Fact]
    public async Task V4Header_Oss2FieldOrderWithSpaces_Accepted()
    {
        Client.Version = SignatureVersion.V4;

        OssResponse response = await Client.SendAsync("GET", Bucket, null, new[] { Q("uploads") }, tamper: headers =>
        {
            string auth = headers.Single(h => h.Key == "Authorization").Value;
            string fields = auth["OSS4-HMAC-SHA256 ".Length..];
            string[] parts = fields.Split(',');
            string reordered = "OSS4-HMAC-SHA256 " + string.Join(", ", parts.Reverse());
            return headers.Where(h => h.Key != "Authorization").Append(H("Authorization", reordered)).ToList();
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData(SignatureVersion.V1)]
    [InlineData(SignatureVersion.V4)]
    public async Task WrongSecret_SignatureDoesNotMatchWithStringToSign(SignatureVersion version)
    {
        Client.Version = version;
        Client.Secret = "wrong";

        OssResponse response = await PutObjectAsync("k", Data(10), H("Content-Type", "text/plain"));

        AssertError(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        Assert.Equal("0002-00000040", response.Header("x-oss-ec"));
        Assert.Equal(AccessKeyId, response.XmlValue("OSSAccessKeyId"));
        string stringToSign = response.XmlValue("StringToSign")!;
        if (version == SignatureVersion.V1)
        {
            Assert.StartsWith("PUT\n\ntext/plain\n", stringToSign, StringComparison.Ordinal);
            Assert.EndsWith("/" + Bucket + "/k", stringToSign, StringComparison.Ordinal);
            Assert.Null(response.XmlValue("CanonicalRequest"));
        }
        else
        {
            Assert.StartsWith("OSS4-HMAC-SHA256\n", stringToSign, StringComparison.Ordinal);
            Assert.StartsWith("PUT\n/" + Bucket + "/k\n", response.XmlValue("CanonicalRequest"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task V1_StringToSignInError_EqualsTheClientsStringToSign()
    {
        Client.Secret = "wrong";
        List<KeyValuePair<string, string>> sent = new();

        OssResponse response = await Client.SendAsync("POST", Bucket, "obj", new[] { Q("uploads"), Q("encoding-type", "url") }, tamper: headers =>
        {
            sent = headers;
            return headers;
        });

        string date = sent.Single(h => h.Key == "Date").Value;
        var request = new SigningRequest("POST", Bucket, "obj", new[] { Q("uploads"), Q("encoding-type", "url") }, sent.Where(h => h.Key != "Authorization"));
        Assert.Equal(OssSignatureV1.BuildStringToSign(request, date), response.XmlValue("StringToSign"));
        Assert.EndsWith("/" + Bucket + "/obj?uploads", response.XmlValue("StringToSign"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SignatureVersion.V1)]
    [InlineData(SignatureVersion.V4)]
    public async Task UnknownAccessKey_InvalidAccessKeyId(SignatureVersion version)
    {
        Client.Version = version;
        Client.AccessKeyId = "nobody";

        OssResponse response = await Client.SendAsync("GET", Bucket, "k");

        AssertError(response, HttpStatusCode.Forbidden, "InvalidAccessKeyId");
        Assert.Equal("nobody", response.XmlValue("OSSAccessKeyId"));
    }

    [Fact]
    public async Task NoAuthorization_AccessDenied()
    {
        AssertError(await OssTestClient.GetUrlAsync(Client.MakeUri("/" + Bucket + "/k")), HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task SignatureVersion2_Refused()
    {
        OssResponse response = await Client.SendAsync("GET", Bucket, "k", tamper: headers =>
            headers.Where(h => h.Key != "Authorization").Append(H("Authorization", "OSS2 AccessKeyId:" + AccessKeyId + ",Signature:abc")).ToList());

        AssertError(response, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task MalformedAuthorization_InvalidArgument()
    {
        OssResponse response = await Client.SendAsync("GET", Bucket, "k", tamper: headers =>
            headers.Where(h => h.Key != "Authorization").Append(H("Authorization", "Bearer xyz")).ToList());

        AssertError(response, HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Theory]
    [InlineData(SignatureVersion.V1, 20)]
    [InlineData(SignatureVersion.V1, -20)]
    [InlineData(SignatureVersion.V4, 20)]
    public async Task ClientClockSkewedOver15Minutes_RequestTimeTooSkewedWithServerDate(SignatureVersion version, int minutes)
    {
        Client.Version = version;
        Client.ClockOffset = TimeSpan.FromMinutes(minutes);

        OssResponse response = await Client.SendAsync("GET", Bucket, "k");

        AssertError(response, HttpStatusCode.Forbidden, "RequestTimeTooSkewed");
        DateTimeOffset serverDate = DateTimeOffset.ParseExact(response.Header("Date")!, "r", CultureInfo.InvariantCulture);
        Assert.True((serverDate - DateTimeOffset.UtcNow).Duration() < TimeSpan.FromMinutes(2));
        Assert.Equal("900000", response.XmlValue("MaxAllowedSkewMilliseconds"));
        Assert.EndsWith(".000Z", response.XmlValue("ServerTime"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientClockSkewedUnder15Minutes_Accepted()
    {
        Client.ClockOffset = TimeSpan.FromMinutes(10);

        Assert.Equal(HttpStatusCode.OK, (await PutObjectAsync("k", Data(1))).Status);
    }

    [Fact]
    public async Task EmulatorClockOffset_SkewsServerTimeAndDateHeader()
    {
        Emulator.ClockOffset = TimeSpan.FromMinutes(20);

        OssResponse response = await Client.SendAsync("GET", Bucket, "k");

        AssertError(response, HttpStatusCode.Forbidden, "RequestTimeTooSkewed");
        DateTimeOffset serverDate = DateTimeOffset.ParseExact(response.Header("Date")!, "r", CultureInfo.InvariantCulture);
        Assert.True(serverDate - DateTimeOffset.UtcNow > TimeSpan.FromMinutes(18));

        // A client that corrects its clock from Date (as Go v2 does) then succeeds.
        Client.ClockOffset = serverDate - DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync("GET", Bucket, "k")).Status);
    }

    [Fact]
    public async Task V1_XOssDateHeader_IsUsedAsDateLine()
    {
        // oss2 style: Date differs from x-oss-date; the signature covers x-oss-date.
        string ossDate = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        var headers = new List<KeyValuePair<string, string>> { H("x-oss-date", ossDate), H("Date", "Mon, 01 Jan 2001 00:00:00 GMT") };
        var signing = new SigningRequest("GET", Bucket, null, new[] { Q("uploads") }, headers);
        string auth = OssSignatureV1.FormatAuthorization(AccessKeyId, OssSignatureV1.ComputeSignature(Secret, OssSignatureV1.BuildStringToSign(signing, ossDate)));
        var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, Client.MakeUri("/" + Bucket + "/?uploads"));
        foreach (var header in headers.Append(H("Authorization", auth)))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        Assert.Equal(HttpStatusCode.OK, (await OssTestClient.SendRawAsync(request)).Status);
    }

    [Fact]
    public async Task V4_WrongRegion_InvalidArgumentInvalidSigningRegion()
    {
        Client.Version = SignatureVersion.V4;
        Client.Region = "cn-shanghai";

        OssResponse response = await Client.SendAsync("GET", Bucket, "k");

        AssertError(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Equal("Invalid signing region in Authorization header.", response.XmlValue("Message"));
        Assert.Equal("0002-00000226", response.Header("x-oss-ec"));
    }

    [Fact]
    public async Task V4_WrongProduct_InvalidArgumentInvalidSigningProduct()
    {
        Client.Version = SignatureVersion.V4;

        OssResponse response = await Client.SendAsync("GET", Bucket, "k", tamper: headers => headers
            .Select(h => h.Key == "Authorization" ? H(h.Key, h.Value.Replace("/oss/aliyun_v4_request", "/ecs/aliyun_v4_request", StringComparison.Ordinal)) : h)
            .ToList());

        AssertError(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Equal("Invalid signing product in Authorization header.", response.XmlValue("Message"));
        Assert.Equal("0002-00000227", response.Header("x-oss-ec"));
    }

    [Fact]
    public async Task V4_MissingXOssDate_AccessDenied()
    {
        Client.Version = SignatureVersion.V4;

        OssResponse response = await Client.SendAsync("GET", Bucket, "k", tamper: headers => headers.Where(h => h.Key != "x-oss-date").ToList());

        AssertError(response, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task V1Presigned_GetAndPut_Succeed()
    {
        await PutObjectAsync("p/key+1", Data(10));
        Uri get = Client.PresignV1("GET", Bucket, "p/key+1", DateTimeOffset.UtcNow.AddMinutes(5));
        Uri put = Client.PresignV1("PUT", Bucket, "uploaded", DateTimeOffset.UtcNow.AddMinutes(5), headers: new[] { H("Content-Type", "text/plain") });

        OssResponse got = await OssTestClient.GetUrlAsync(get);
        OssResponse putResult = await OssTestClient.GetUrlAsync(put, "PUT", Data(5), "text/plain");

        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal(Data(10), got.Body);
        Assert.Equal(HttpStatusCode.OK, putResult.Status);
        Assert.Equal("text/plain", Emulator.GetObjectInfo(Bucket, "uploaded")!.ContentType);
    }

    [Fact]
    public async Task V1Presigned_Expired_AccessDeniedRequestHasExpired()
    {
        Uri url = Client.PresignV1("GET", Bucket, "k", DateTimeOffset.UtcNow.AddMinutes(-1));

        OssResponse response = await OssTestClient.GetUrlAsync(url);

        AssertError(response, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Equal("Request has expired.", response.XmlValue("Message"));
        Assert.Equal("0002-00000069", response.Header("x-oss-ec"));
    }

    [Fact]
    public async Task V1Presigned_TamperedKey_SignatureDoesNotMatch()
    {
        Uri url = Client.PresignV1("GET", Bucket, "k", DateTimeOffset.UtcNow.AddMinutes(5));
        Uri tampered = Client.MakeUri(url.PathAndQuery.Replace("/k?", "/other?", StringComparison.Ordinal));

        AssertError(await OssTestClient.GetUrlAsync(tampered), HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task V4Presigned_Get_Succeeds()
    {
        await PutObjectAsync("dir/a b", Data(10));
        Client.Version = SignatureVersion.V4;

        OssResponse response = await OssTestClient.GetUrlAsync(Client.PresignV4("GET", Bucket, "dir/a b", 300, new[] { Q("response-content-type", "text/csv") }));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/csv", response.Header("Content-Type"));
    }

    [Fact]
    public async Task V4Presigned_Expired_AccessDenied()
    {
        Uri url = Client.PresignV4("GET", Bucket, "k", 60, signTime: DateTimeOffset.UtcNow.AddMinutes(-5));

        OssResponse response = await OssTestClient.GetUrlAsync(url);

        AssertError(response, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Equal("Request has expired.", response.XmlValue("Message"));
    }

    [Fact]
    public async Task V4Presigned_SignedInTheFuture_RequestTimeTooSkewed()
    {
        Uri url = Client.PresignV4("GET", Bucket, "k", 60, signTime: DateTimeOffset.UtcNow.AddMinutes(30));

        AssertError(await OssTestClient.GetUrlAsync(url), HttpStatusCode.Forbidden, "RequestTimeTooSkewed");
    }

    [Fact]
    public async Task V4Presigned_ExpiresOverSevenDays_InvalidArgument()
    {
        AssertError(await OssTestClient.GetUrlAsync(Client.PresignV4("GET", Bucket, "k", 604801)), HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Theory]
    [InlineData(SignatureVersion.V1)]
    [InlineData(SignatureVersion.V4)]
    public async Task Sts_HeaderSignedWithToken_Succeeds(SignatureVersion version)
    {
        using var sts = new OssTestClient(Emulator.Endpoint, StsKey, StsSecret) { SecurityToken = StsToken, Version = version };

        OssResponse response = await sts.SendAsync("PUT", Bucket, "sts", body: Data(10));

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Sts_PresignedUrlsWithToken_Succeed()
    {
        await PutObjectAsync("sts", Data(10));
        using var sts = new OssTestClient(Emulator.Endpoint, StsKey, StsSecret) { SecurityToken = StsToken };

        OssResponse v1 = await OssTestClient.GetUrlAsync(sts.PresignV1("GET", Bucket, "sts", DateTimeOffset.UtcNow.AddMinutes(5)));
        OssResponse v4 = await OssTestClient.GetUrlAsync(sts.PresignV4("GET", Bucket, "sts", 300));

        Assert.Equal(HttpStatusCode.OK, v1.Status);
        Assert.Equal(HttpStatusCode.OK, v4.Status);
    }

    [Fact]
    public async Task Sts_TokenMissingOrWrong_InvalidSecurityToken()
    {
        using var missing = new OssTestClient(Emulator.Endpoint, StsKey, StsSecret);
        using var wrong = new OssTestClient(Emulator.Endpoint, StsKey, StsSecret) { SecurityToken = "forged" };

        AssertError(await missing.SendAsync("GET", Bucket, "k"), HttpStatusCode.Forbidden, "InvalidSecurityToken");
        AssertError(await wrong.SendAsync("GET", Bucket, "k"), HttpStatusCode.Forbidden, "InvalidSecurityToken");
    }

    [Fact]
    public async Task Sts_TokenOfAnotherKey_AccessKeyIdAndSecurityTokenNotMatch()
    {
        Client.SecurityToken = StsToken;

        AssertError(await Client.SendAsync("GET", Bucket, "k"), HttpStatusCode.Forbidden, "AccessKeyIdAndSecurityTokenNotMatch");
    }

    [Fact]
    public async Task Sts_ExpiredToken_SecurityTokenExpired()
    {
        Emulator.SetCredential(new EmulatorCredential("short-ak", "short-sk", "short-token", DateTimeOffset.UtcNow.AddMinutes(10)));
        using var client = new OssTestClient(Emulator.Endpoint, "short-ak", "short-sk") { SecurityToken = "short-token" };
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync("GET", Bucket, "k")).Status);

        // Move the emulator past the expiry while the client corrects its clock to stay within skew.
        Emulator.ClockOffset = TimeSpan.FromMinutes(11);
        client.ClockOffset = TimeSpan.FromMinutes(11);
        OssResponse response = await client.SendAsync("GET", Bucket, "k");

        AssertError(response, HttpStatusCode.Forbidden, "SecurityTokenExpired");
    }

    [Fact]
    public async Task RemovedCredential_InvalidAccessKeyId()
    {
        Assert.True(Emulator.RemoveCredential(AccessKeyId));

        AssertError(await Client.SendAsync("GET", Bucket, "k"), HttpStatusCode.Forbidden, "InvalidAccessKeyId");
    }

    [Fact]
    public void EmulatorCredential_ToString_HidesSecretAndToken()
    {
        var credential = new EmulatorCredential("id", "very-secret", "very-token");

        Assert.DoesNotContain("very-secret", credential.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-token", credential.ToString(), StringComparison.Ordinal);
    }
}
