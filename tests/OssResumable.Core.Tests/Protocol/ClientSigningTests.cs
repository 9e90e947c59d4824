using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

/// <summary>The headers the client sends produce the signature a server recomputes from them.</summary>
public class ClientSigningTests
{
    private static FakeOssHandler OkWithCrc() => new((request, _) =>
        FakeOssHandler.Response(HttpStatusCode.OK, null, ("ETag", "\"E1\""), ("x-oss-hash-crc64ecma", Crc64.Compute(request.Body).ToString(CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task PutObject_WithAllWriteOptions_SignatureVerifiesOnServerSide(OssSignatureVersion version)
    {
        var handler = OkWithCrc();
        using var client = TestClients.Create(handler, TestClients.Options(version));
        var options = new ObjectWriteOptions
        {
            ContentType = "text/plain; charset=utf-8",
            ObjectAcl = "private",
            StorageClass = "IA",
            ForbidOverwrite = true,
            CacheControl = "no-cache",
            ContentDisposition = "attachment; filename=\"a.txt\"",
            ContentEncoding = "identity",
            Expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
            ServerSideEncryption = "AES256",
        };
        options.Metadata["Author"] = "alice";
        options.Tagging["team"] = "ops & dev";

        await client.PutObjectAsync(new PutObjectRequest("bucket", "dir/a b+c.txt", RequestBody.FromBytes(new byte[] { 1, 2, 3 }), options));

        var request = Assert.Single(handler.RequestList);
        Assert.True(SignatureVerifier.Verify(request, TestClients.AccessKeyId, TestClients.Secret, "cn-hangzhou"));
        Assert.Equal("text/plain; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("3", request.Header("Content-Length"));
        Assert.Equal("alice", request.Header("x-oss-meta-author"));
        Assert.Equal("private", request.Header("x-oss-object-acl"));
        Assert.Equal("true", request.Header("x-oss-forbid-overwrite"));
        Assert.Equal("IA", request.Header("x-oss-storage-class"));
        Assert.Equal("team=ops%20%26%20dev", request.Header("x-oss-tagging"));
        Assert.Equal("Wed, 02 Jan 2030 03:04:05 GMT", request.Header("Expires"));
        Assert.NotNull(request.Header("Date"));
        if (version == OssSignatureVersion.V4)
        {
            Assert.StartsWith("OSS4-HMAC-SHA256 Credential=" + TestClients.AccessKeyId + "/", request.Header("Authorization"), StringComparison.Ordinal);
            Assert.Equal("UNSIGNED-PAYLOAD", request.Header("x-oss-content-sha256"));
            Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", request.Header("x-oss-date"));
        }
        else
        {
            Assert.StartsWith("OSS " + TestClients.AccessKeyId + ":", request.Header("Authorization"), StringComparison.Ordinal);
            Assert.Null(request.Header("x-oss-date"));
        }
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task UploadPart_WithStsToken_SendsAndSignsToken(OssSignatureVersion version)
    {
        var handler = OkWithCrc();
        using var client = TestClients.Create(handler, TestClients.Options(version), new OssCredentials(TestClients.AccessKeyId, TestClients.Secret, TestClients.Token));

        await client.UploadPartAsync(new UploadPartRequest("bucket", "a/../b", "UPLOAD1", 5, RequestBody.FromBytes(new byte[] { 9 })));

        var request = Assert.Single(handler.RequestList);
        Assert.Equal(TestClients.Token, request.Header("x-oss-security-token"));
        Assert.True(SignatureVerifier.Verify(request, TestClients.AccessKeyId, TestClients.Secret, "cn-hangzhou"));
        Assert.Equal("?partNumber=5&uploadId=UPLOAD1", request.Uri.Query);
    }

    [Fact]
    public async Task Sign_WrongSecretOnServer_DoesNotVerify()
    {
        var handler = OkWithCrc();
        using var client = TestClients.Create(handler);

        await client.DeleteObjectAsync("bucket", "k");

        Assert.False(SignatureVerifier.Verify(handler.RequestList[0], TestClients.AccessKeyId, "other-secret", "cn-hangzhou"));
        Assert.False(SignatureVerifier.Verify(handler.RequestList[0], TestClients.AccessKeyId, TestClients.Secret, "cn-beijing"));
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task Initiate_SendsUploadsAndEncodingTypeWithoutAcl_SignatureVerifies(OssSignatureVersion version)
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.OK,
            "<InitiateMultipartUploadResult><Bucket>bucket</Bucket><Key>k</Key><UploadId>U1</UploadId></InitiateMultipartUploadResult>"));
        using var client = TestClients.Create(handler, TestClients.Options(version));

        var result = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest("bucket", "k", new ObjectWriteOptions { ObjectAcl = "public-read", ForbidOverwrite = true }));

        var request = Assert.Single(handler.RequestList);
        Assert.Equal("U1", result.UploadId);
        Assert.Equal("POST", request.Method.Method);
        Assert.Equal("?uploads&encoding-type=url", request.Uri.Query);
        Assert.Equal("application/octet-stream", request.Header("Content-Type"));
        Assert.Equal("0", request.Header("Content-Length"));
        Assert.Null(request.Header("x-oss-object-acl"));
        Assert.Equal("true", request.Header("x-oss-forbid-overwrite"));
        Assert.True(SignatureVerifier.Verify(request, TestClients.AccessKeyId, TestClients.Secret, "cn-hangzhou"));
    }

    [Fact]
    public async Task Complete_SendsXmlBodyWithMd5AclAndForbidOverwrite_SignatureVerifies()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.OK,
            "<CompleteMultipartUploadResult><EncodingType>url</EncodingType><Bucket>bucket</Bucket><Key>multipart.data</Key><ETag>\"X-2\"</ETag></CompleteMultipartUploadResult>",
            ("x-oss-hash-crc64ecma", "13522109751786571237")));
        using var client = TestClients.Create(handler, TestClients.Options(OssSignatureVersion.V1));
        var parts = new[] { new CompletedPart(1, "\"0D3C6B4B6F0C8E1A2B3C4D5E6F708192\""), new CompletedPart(2, "\"A1B2C3D4E5F60718293A4B5C6D7E8F90\"") };

        var result = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest("bucket", "multipart.data", "0004B9895DBBB6EC98E36", parts)
        {
            ObjectAcl = "private",
            ForbidOverwrite = true,
        });

        var request = Assert.Single(handler.RequestList);
        Assert.Equal("KZuNqYt2G6vUN/FozXGkhQ==", request.Header("Content-MD5"));
        Assert.Equal("application/xml", request.Header("Content-Type"));
        Assert.Equal("private", request.Header("x-oss-object-acl"));
        Assert.Equal("true", request.Header("x-oss-forbid-overwrite"));
        Assert.Equal("?uploadId=0004B9895DBBB6EC98E36&encoding-type=url", request.Uri.Query);
        Assert.True(SignatureVerifier.Verify(request, TestClients.AccessKeyId, TestClients.Secret, null));
        Assert.Equal(13522109751786571237UL, result.Crc64);
        Assert.Equal("\"X-2\"", result.ETag);
    }

    [Fact]
    public async Task ListMultipartUploads_BucketLevelRequest_SignatureVerifiesV4()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.OK, "<ListMultipartUploadsResult><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>"));
        using var client = TestClients.Create(handler);

        await foreach (var _ in client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest("bucket") { Prefix = "videos/" }))
        {
        }

        var request = Assert.Single(handler.RequestList);
        Assert.Equal("/bucket/", request.Uri.AbsolutePath);
        Assert.Equal("?uploads&encoding-type=url&max-uploads=1000&prefix=videos%2F", request.Uri.Query);
        Assert.True(SignatureVerifier.Verify(request, TestClients.AccessKeyId, TestClients.Secret, "cn-hangzhou"));
    }

    [Fact]
    public async Task AllRequests_SendUserAgent()
    {
        var handler = OkWithCrc();
        var options = TestClients.Options();
        options.UserAgent = "MyTool/1.2";
        using var client = TestClients.Create(handler, options);

        await client.DeleteObjectAsync("bucket", "k");

        Assert.Contains("MyTool/1.2", handler.RequestList.Single().Header("User-Agent"), StringComparison.Ordinal);
    }
}
