using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

public class ObjectOperationsTests : EmulatorTestBase
{
    [Fact]
    public async Task PutObject_ThenGet_RoundTripsBytesHashesAndMetadata()
    {
        byte[] data = Data(300_000);
        OssResponse put = await PutObjectAsync(
            "docs/report.bin",
            data,
            H("Content-Type", "application/x-report"),
            H("x-oss-meta-author", "alice"),
            H("Cache-Control", "no-cache"),
            H("Content-Disposition", "attachment; filename=\"r.bin\""));

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("\"" + OssTestClient.Md5Hex(data) + "\"", put.Header("ETag"));
        Assert.Equal(OssTestClient.Md5Base64(data), put.Header("Content-MD5"));
        Assert.Equal(Crc64.Compute(data).ToString(CultureInfo.InvariantCulture), put.Header("x-oss-hash-crc64ecma"));
        Assert.Equal("AliyunOSS", put.Header("Server"));
        Assert.Matches("^[0-9A-F]{24}$", put.Header("x-oss-request-id"));

        OssResponse get = await Client.SendAsync("GET", Bucket, "docs/report.bin");
        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal(data, get.Body);
        Assert.Equal("application/x-report", get.Header("Content-Type"));
        Assert.Equal("alice", get.Header("x-oss-meta-author"));
        Assert.Equal("no-cache", get.Header("Cache-Control"));
        Assert.Equal("attachment; filename=\"r.bin\"", get.Header("Content-Disposition"));
        Assert.Equal("Normal", get.Header("x-oss-object-type"));
        Assert.Equal("Standard", get.Header("x-oss-storage-class"));
        Assert.Equal(put.Header("ETag"), get.Header("ETag"));
        Assert.Equal(put.Header("x-oss-hash-crc64ecma"), get.Header("x-oss-hash-crc64ecma"));
        Assert.Equal(OssTestClient.Md5Base64(data), get.Header("Content-MD5"));
        Assert.True(DateTimeOffset.TryParseExact(get.Header("Last-Modified"), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _));
    }

    [Fact]
    public async Task PutObject_NoContentType_StoresOctetStream()
    {
        await PutObjectAsync("plain", Data(10));

        OssResponse head = await Client.SendAsync("HEAD", Bucket, "plain");

        Assert.Equal("application/octet-stream", head.Header("Content-Type"));
    }

    [Fact]
    public async Task PutObject_EmptyBody_CreatesEmptyObject()
    {
        OssResponse put = await PutObjectAsync("empty", Array.Empty<byte>());

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("\"D41D8CD98F00B204E9800998ECF8427E\"", put.Header("ETag"));
        Assert.Equal("0", put.Header("x-oss-hash-crc64ecma"));
        OssResponse get = await Client.SendAsync("GET", Bucket, "empty");
        Assert.Empty(get.Body);
    }

    [Fact]
    public async Task PutObject_SameKeyTwice_LastWriteWins()
    {
        await PutObjectAsync("k", Data(100, seed: 1));
        await PutObjectAsync("k", Data(50, seed: 2));

        OssResponse get = await Client.SendAsync("GET", Bucket, "k");

        Assert.Equal(Data(50, seed: 2), get.Body);
        Assert.Single(Emulator.ListObjects(Bucket));
    }

    [Fact]
    public async Task HeadObject_Existing_ReturnsLengthAndCrcWithoutBody()
    {
        byte[] data = Data(12345);
        await PutObjectAsync("h", data);

        OssResponse head = await Client.SendAsync("HEAD", Bucket, "h");

        Assert.Equal(HttpStatusCode.OK, head.Status);
        Assert.Empty(head.Body);
        Assert.Equal("12345", head.Header("Content-Length"));
        Assert.Equal(Crc64.Compute(data).ToString(CultureInfo.InvariantCulture), head.Header("x-oss-hash-crc64ecma"));
        Assert.Equal("Normal", head.Header("x-oss-object-type"));
    }

    [Fact]
    public async Task HeadObject_Missing_Returns404WithBase64ErrorHeader()
    {
        OssResponse head = await Client.SendAsync("HEAD", Bucket, "missing");

        Assert.Equal(HttpStatusCode.NotFound, head.Status);
        Assert.Empty(head.Body);
        string xml = Encoding.UTF8.GetString(Convert.FromBase64String(head.Header("x-oss-err")!));
        Assert.Contains("<Code>NoSuchKey</Code>", xml, StringComparison.Ordinal);
        Assert.Contains("<RequestId>" + head.Header("x-oss-request-id") + "</RequestId>", xml, StringComparison.Ordinal);
        Assert.Equal("0026-00000001", head.Header("x-oss-ec"));
    }

    [Fact]
    public async Task GetObject_Missing_ReturnsNoSuchKey()
    {
        AssertError(await Client.SendAsync("GET", Bucket, "nothing/here"), HttpStatusCode.NotFound, "NoSuchKey");
    }

    [Theory]
    [InlineData("bytes=0-9", 0, 10)]
    [InlineData("bytes=100-", 100, 900)]
    [InlineData("bytes=-50", 950, 50)]
    [InlineData("bytes=990-5000", 990, 10)]
    public async Task GetObject_Range_Returns206WithContentRangeAndNoCrc(string range, int offset, int length)
    {
        byte[] data = Data(1000);
        await PutObjectAsync("r", data);

        OssResponse get = await Client.SendAsync("GET", Bucket, "r", headers: new[] { H("Range", range) });

        Assert.Equal(HttpStatusCode.PartialContent, get.Status);
        Assert.Equal(data.AsSpan(offset, length).ToArray(), get.Body);
        Assert.Equal("bytes " + offset + "-" + (offset + length - 1) + "/1000", get.Header("Content-Range"));
        Assert.Null(get.Header("x-oss-hash-crc64ecma"));
    }

    [Theory]
    [InlineData("bytes=abc")]
    [InlineData("bytes=10-5")]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("items=0-5")]
    public async Task GetObject_InvalidRangeSyntax_ReturnsWholeObject(string range)
    {
        byte[] data = Data(100);
        await PutObjectAsync("r", data);

        OssResponse get = await Client.SendAsync("GET", Bucket, "r", headers: new[] { H("Range", range) });

        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal(data, get.Body);
        Assert.NotNull(get.Header("x-oss-hash-crc64ecma"));
    }

    [Fact]
    public async Task GetObject_RangeBeyondEnd_ReturnsInvalidRange()
    {
        await PutObjectAsync("r", Data(100));

        OssResponse get = await Client.SendAsync("GET", Bucket, "r", headers: new[] { H("Range", "bytes=100-200") });

        AssertError(get, HttpStatusCode.RequestedRangeNotSatisfiable, "InvalidRange");
        Assert.Equal("bytes */100", get.Header("Content-Range"));
    }

    [Fact]
    public async Task GetObject_ResponseOverrides_ReplaceHeaders()
    {
        await PutObjectAsync("o", Data(10), H("Content-Type", "text/plain"));

        OssResponse get = await Client.SendAsync("GET", Bucket, "o", new[] { Q("response-content-type", "image/png"), Q("response-content-disposition", "inline") });

        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal("image/png", get.Header("Content-Type"));
        Assert.Equal("inline", get.Header("Content-Disposition"));
    }

    [Fact]
    public async Task GetObject_Conditions_Return304And412()
    {
        OssResponse put = await PutObjectAsync("c", Data(10));
        string eTag = put.Header("ETag")!;

        OssResponse notModified = await Client.SendAsync("GET", Bucket, "c", headers: new[] { H("If-None-Match", eTag) });
        OssResponse failed = await Client.SendAsync("GET", Bucket, "c", headers: new[] { H("If-Match", "\"00000000000000000000000000000000\"") });
        OssResponse matched = await Client.SendAsync("GET", Bucket, "c", headers: new[] { H("If-Match", eTag.ToLowerInvariant()) });

        Assert.Equal(HttpStatusCode.NotModified, notModified.Status);
        Assert.Empty(notModified.Body);
        AssertError(failed, HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        Assert.Equal(HttpStatusCode.OK, matched.Status);
    }

    [Fact]
    public async Task PutObject_WrongContentMd5_InvalidDigestAndNothingStored()
    {
        OssResponse put = await PutObjectAsync("d", Data(1000), H("Content-MD5", OssTestClient.Md5Base64(Data(1000, seed: 9))));

        AssertError(put, HttpStatusCode.BadRequest, "InvalidDigest");
        Assert.Null(Emulator.GetObjectInfo(Bucket, "d"));
        Assert.Empty(Directory.GetFiles(Path.Combine(DataDirectory, "buckets", Bucket, "blobs")));
    }

    [Fact]
    public async Task PutObject_MalformedContentMd5_InvalidDigest()
    {
        AssertError(await PutObjectAsync("d", Data(10), H("Content-MD5", "not-base64!")), HttpStatusCode.BadRequest, "InvalidDigest");
    }

    [Fact]
    public async Task PutObject_CorrectContentMd5_Succeeds()
    {
        byte[] data = Data(1000);

        OssResponse put = await PutObjectAsync("d", data, H("Content-MD5", OssTestClient.Md5Base64(data)));

        Assert.Equal(HttpStatusCode.OK, put.Status);
    }

    [Fact]
    public async Task PutObject_ForbidOverwriteOnExistingKey_FileAlreadyExistsAndOriginalKept()
    {
        await PutObjectAsync("f", Data(10, seed: 1));

        OssResponse second = await PutObjectAsync("f", Data(10, seed: 2), H("x-oss-forbid-overwrite", "true"));
        OssResponse third = await PutObjectAsync("g", Data(10, seed: 3), H("x-oss-forbid-overwrite", "true"));
        OssResponse fourth = await PutObjectAsync("f", Data(10, seed: 4), H("x-oss-forbid-overwrite", "false"));

        AssertError(second, HttpStatusCode.Conflict, "FileAlreadyExists");
        Assert.Equal("0042-00000214", second.Header("x-oss-ec"));
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal(HttpStatusCode.OK, fourth.Status);
        Assert.Equal(Data(10, seed: 4), Emulator.ReadObject(Bucket, "f"));
    }

    [Fact]
    public async Task DeleteObject_ExistingAndMissing_Returns204()
    {
        await PutObjectAsync("x", Data(10));

        OssResponse first = await Client.SendAsync("DELETE", Bucket, "x");
        OssResponse second = await Client.SendAsync("DELETE", Bucket, "x");

        Assert.Equal(HttpStatusCode.NoContent, first.Status);
        Assert.Equal(HttpStatusCode.NoContent, second.Status);
        Assert.Null(Emulator.GetObjectInfo(Bucket, "x"));
    }

    [Fact]
    public async Task PutObject_KeyStartingWithSlash_InvalidObjectName()
    {
        AssertError(await PutObjectAsync("/abs", Data(1)), HttpStatusCode.BadRequest, "InvalidObjectName");
        AssertError(await PutObjectAsync("\\abs", Data(1)), HttpStatusCode.BadRequest, "InvalidObjectName");
    }

    [Fact]
    public async Task PutObject_KeyOf1024Bytes_InvalidObjectName()
    {
        AssertError(await PutObjectAsync(new string('k', 1024), Data(1)), HttpStatusCode.BadRequest, "InvalidObjectName");
        Assert.Equal(HttpStatusCode.OK, (await PutObjectAsync(new string('k', 1023), Data(1))).Status);
    }

    [Fact]
    public async Task PutObject_UnknownBucket_NoSuchBucket()
    {
        OssResponse response = await Client.SendAsync("PUT", "no-such-bucket", "k", body: Data(1));

        AssertError(response, HttpStatusCode.NotFound, "NoSuchBucket");
        Assert.Equal("no-such-bucket", response.XmlValue("BucketName"));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper-Case")]
    [InlineData("-leading")]
    [InlineData("has_underscore")]
    public async Task PutObject_BadBucketName_InvalidBucketName(string bucket)
    {
        AssertError(await Client.SendAsync("PUT", bucket, "k", body: Data(1)), HttpStatusCode.BadRequest, "InvalidBucketName");
    }

    [Fact]
    public async Task PutObject_EncryptionStorageClassAndAcl_AreStoredAndEchoed()
    {
        OssResponse put = await PutObjectAsync(
            "e",
            Data(10),
            H("x-oss-server-side-encryption", "AES256"),
            H("x-oss-storage-class", "IA"),
            H("x-oss-object-acl", "public-read"),
            H("x-oss-tagging", "a=1&b=2"));
        OssResponse head = await Client.SendAsync("HEAD", Bucket, "e");
        OssResponse acl = await Client.SendAsync("GET", Bucket, "e", new[] { Q("acl") });

        Assert.Equal("AES256", put.Header("x-oss-server-side-encryption"));
        Assert.Equal("AES256", head.Header("x-oss-server-side-encryption"));
        Assert.Equal("IA", head.Header("x-oss-storage-class"));
        Assert.Equal("2", head.Header("x-oss-tagging-count"));
        Assert.Equal(HttpStatusCode.OK, acl.Status);
        Assert.Equal("AccessControlPolicy", acl.Xml.Root!.Name.LocalName);
        Assert.Equal("public-read", acl.XmlValue("Grant"));
    }

    [Theory]
    [InlineData("x-oss-storage-class", "Glacier")]
    [InlineData("x-oss-object-acl", "everyone")]
    [InlineData("x-oss-server-side-encryption", "ROT13")]
    public async Task PutObject_InvalidHeaderValue_InvalidArgument(string header, string value)
    {
        OssResponse put = await PutObjectAsync("bad", Data(1), H(header, value));

        AssertError(put, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Equal(header, put.XmlValue("ArgumentName"));
    }

    [Fact]
    public async Task GetObjectMeta_ReturnsBasicHeaders()
    {
        byte[] data = Data(77);
        await PutObjectAsync("m", data);

        OssResponse meta = await Client.SendAsync("HEAD", Bucket, "m", new[] { Q("objectMeta") });

        Assert.Equal(HttpStatusCode.OK, meta.Status);
        Assert.Equal("\"" + OssTestClient.Md5Hex(data) + "\"", meta.Header("ETag"));
        Assert.Equal("77", meta.Header("Content-Length"));
    }

    [Fact]
    public async Task DeleteMultipleObjects_DeletesListedKeysAndReportsThem()
    {
        await PutObjectAsync("a", Data(1));
        await PutObjectAsync("b c", Data(1));
        byte[] body = OssTestClient.Utf8("<Delete><Quiet>false</Quiet><Object><Key>a</Key></Object><Object><Key>b c</Key></Object><Object><Key>zz</Key></Object></Delete>");

        OssResponse response = await Client.SendAsync("POST", Bucket, null, new[] { Q("delete"), Q("encoding-type", "url") }, body, new[] { H("Content-MD5", OssTestClient.Md5Base64(body)) });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(new[] { "a", "b%20c", "zz" }, response.Xml.Descendants().Where(e => e.Name.LocalName == "Key").Select(e => e.Value));
        Assert.Empty(Emulator.ListObjects(Bucket));
    }

    [Fact]
    public async Task GetObject_UnsupportedSubresource_NotImplemented()
    {
        await PutObjectAsync("s", Data(1));

        AssertError(await Client.SendAsync("GET", Bucket, "s", new[] { Q("tagging") }), HttpStatusCode.NotImplemented, "NotImplemented");
        AssertError(await Client.SendAsync("PUT", Bucket, "copy", headers: new[] { H("x-oss-copy-source", "/" + Bucket + "/s") }), HttpStatusCode.NotImplemented, "NotImplemented");
    }

    [Fact]
    public async Task PutObject_WithCallback_NotImplementedRatherThanSilentlyIgnored()
    {
        OssResponse put = await PutObjectAsync("cb", Data(1), H("x-oss-callback", "eyJjYWxsYmFja1VybCI6Imh0dHA6Ly9leGFtcGxlIn0="));

        AssertError(put, HttpStatusCode.NotImplemented, "NotImplemented");
        Assert.Null(Emulator.GetObjectInfo(Bucket, "cb"));
    }
}
