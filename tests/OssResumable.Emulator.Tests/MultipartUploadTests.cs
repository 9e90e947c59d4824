using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

public class MultipartUploadTests : EmulatorTestBase
{
    private const int MinPart = 102400;

    // Protocol doc §6.6: 256000 bytes, byte i = i % 251, parts of 102400, 102400, 51200.
    private static byte[] ProtocolSample()
    {
        var data = new byte[256000];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(i % 251);
        }

        return data;
    }

    [Fact]
    public async Task FullUpload_ProtocolSample_MatchesDocumentedEtagsAndCrcs()
    {
        byte[] data = ProtocolSample();
        string uploadId = await InitiateAsync("multipart.data", H("Content-Type", "video/mp4"), H("x-oss-meta-origin", "test"));
        var parts = new List<(int, string)>();
        var expected = new[]
        {
            ("1A0F81547E5BA2E9C4A4B94A74731993", 5409316634556368277UL),
            ("DDD151E78EF9F976E3E80A227AF56180", 8193091521729089674UL),
            ("61D472DDC8F1C02DCDEFD164B0E18D90", 3500614162694175473UL),
        };
        int[] sizes = { 102400, 102400, 51200 };
        int offset = 0;
        for (int i = 0; i < 3; i++)
        {
            byte[] part = data.AsSpan(offset, sizes[i]).ToArray();
            offset += sizes[i];
            OssResponse response = await Client.SendAsync("PUT", Bucket, "multipart.data", new[] { Q("partNumber", (i + 1).ToString(CultureInfo.InvariantCulture)), Q("uploadId", uploadId) }, part);
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal("\"" + expected[i].Item1 + "\"", response.Header("ETag"));
            Assert.Equal(expected[i].Item2.ToString(CultureInfo.InvariantCulture), response.Header("x-oss-hash-crc64ecma"));
            Assert.Equal(OssTestClient.Md5Base64(part), response.Header("Content-MD5"));
            parts.Add((i + 1, response.Header("ETag")!));
        }

        OssResponse complete = await CompleteAsync("multipart.data", uploadId, parts);

        Assert.Equal(HttpStatusCode.OK, complete.Status);
        Assert.Equal("\"C1AA43FFAC5C2D7F3B4FE289C009A2C6-3\"", complete.Header("ETag"));
        Assert.Equal("13522109751786571237", complete.Header("x-oss-hash-crc64ecma"));
        Assert.Equal("CompleteMultipartUploadResult", complete.Xml.Root!.Name.ToString());
        Assert.Equal("\"C1AA43FFAC5C2D7F3B4FE289C009A2C6-3\"", complete.XmlValue("ETag"));
        Assert.Equal(Bucket, complete.XmlValue("Bucket"));
        Assert.Equal("multipart.data", complete.XmlValue("Key"));
        Assert.Equal(Emulator.Endpoint + Bucket + "/multipart.data", complete.XmlValue("Location"));

        OssResponse head = await Client.SendAsync("HEAD", Bucket, "multipart.data");
        Assert.Equal("Multipart", head.Header("x-oss-object-type"));
        Assert.Equal("256000", head.Header("Content-Length"));
        Assert.Equal("13522109751786571237", head.Header("x-oss-hash-crc64ecma"));
        Assert.Equal("video/mp4", head.Header("Content-Type"));
        Assert.Equal("test", head.Header("x-oss-meta-origin"));
        Assert.Null(head.Header("Content-MD5"));
        Assert.Equal(data, (await Client.SendAsync("GET", Bucket, "multipart.data")).Body);
        Assert.Empty(Emulator.ListUploads());
    }

    [Fact]
    public async Task GetObject_RangeAcrossPartBoundary_ReturnsExactBytes()
    {
        byte[] a = Data(MinPart, seed: 1);
        byte[] b = Data(5000, seed: 2);
        string id = await InitiateAsync("ranged");
        var parts = new[] { (1, await UploadPartAsync("ranged", id, 1, a)), (2, await UploadPartAsync("ranged", id, 2, b)) };
        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync("ranged", id, parts)).Status);

        OssResponse get = await Client.SendAsync("GET", Bucket, "ranged", headers: new[] { H("Range", "bytes=102390-102409") });

        Assert.Equal(HttpStatusCode.PartialContent, get.Status);
        Assert.Equal(a.AsSpan(MinPart - 10).ToArray().Concat(b.AsSpan(0, 10).ToArray()), get.Body);
    }

    [Fact]
    public async Task Initiate_ResponseShape_HasBucketKeyAndUpperHexUploadId()
    {
        OssResponse response = await Client.SendAsync("POST", Bucket, "dir/file name.bin", new[] { Q("uploads") });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", response.Text, StringComparison.Ordinal);
        Assert.Equal("InitiateMultipartUploadResult", response.Xml.Root!.Name.ToString());
        Assert.Equal(Bucket, response.XmlValue("Bucket"));
        Assert.Equal("dir/file name.bin", response.XmlValue("Key"));
        Assert.Matches("^[0-9A-F]{32}$", response.XmlValue("UploadId"));
        Assert.Null(response.XmlValue("EncodingType"));
    }

    [Fact]
    public async Task Initiate_EncodingTypeUrl_EncodesKeyStrictly()
    {
        OssResponse response = await Client.SendAsync("POST", Bucket, "demo/gp-\f\n\v a+b", new[] { Q("uploads"), Q("encoding-type", "url") });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("url", response.XmlValue("EncodingType"));
        Assert.Equal("demo%2Fgp-%0C%0A%0B%20a%2Bb", response.XmlValue("Key"));
    }

    [Fact]
    public async Task Initiate_ControlCharacterKeyWithoutUrlEncoding_RefusedBeforeCreatingUpload()
    {
        OssResponse response = await Client.SendAsync("POST", Bucket, "bad\u0001key", new[] { Q("uploads") });

        AssertError(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Empty(Emulator.ListUploads());
    }

    [Fact]
    public async Task Initiate_BadEncodingType_InvalidArgument()
    {
        AssertError(await Client.SendAsync("POST", Bucket, "k", new[] { Q("uploads"), Q("encoding-type", "base64") }), HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Fact]
    public async Task UploadPart_SameNumberTwice_LastUploadWins()
    {
        string id = await InitiateAsync("k");
        await UploadPartAsync("k", id, 1, Data(1000, seed: 1));
        string second = await UploadPartAsync("k", id, 1, Data(2000, seed: 2));

        EmulatorPartInfo part = Assert.Single(Emulator.ListUploads(Bucket).Single().Parts);
        Assert.Equal(second, part.ETag);
        Assert.Equal(2000, part.Size);
        Assert.Single(Directory.GetFiles(Path.Combine(DataDirectory, "buckets", Bucket, "blobs")));

        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync("k", id, new[] { (1, second) })).Status);
        Assert.Equal(Data(2000, seed: 2), Emulator.ReadObject(Bucket, "k"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("abc")]
    [InlineData("-1")]
    public async Task UploadPart_PartNumberOutOfRange_InvalidArgument(string partNumber)
    {
        string id = await InitiateAsync("k");

        OssResponse response = await Client.SendAsync("PUT", Bucket, "k", new[] { Q("partNumber", partNumber), Q("uploadId", id) }, Data(10));

        AssertError(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Equal("PartNumber", response.XmlValue("ArgumentName"));
        Assert.Equal(partNumber, response.XmlValue("ArgumentValue"));
        Assert.Equal("0017-00000220", response.Header("x-oss-ec"));
    }

    [Fact]
    public async Task UploadPart_Boundaries1And10000_Accepted()
    {
        string id = await InitiateAsync("k");

        await UploadPartAsync("k", id, 1, Data(1));
        await UploadPartAsync("k", id, 10000, Data(1));

        Assert.Equal(new[] { 1, 10000 }, Emulator.ListUploads(Bucket).Single().Parts.Select(p => p.PartNumber));
    }

    [Fact]
    public async Task UploadPart_WrongContentMd5_InvalidDigestAndPartNotStored()
    {
        string id = await InitiateAsync("k");

        OssResponse response = await Client.SendAsync("PUT", Bucket, "k", new[] { Q("partNumber", "1"), Q("uploadId", id) }, Data(100), new[] { H("Content-MD5", OssTestClient.Md5Base64(Data(99))) });

        AssertError(response, HttpStatusCode.BadRequest, "InvalidDigest");
        Assert.Empty(Emulator.ListUploads(Bucket).Single().Parts);
    }

    [Fact]
    public async Task UploadPart_UnknownUploadId_NoSuchUpload()
    {
        OssResponse response = await Client.SendAsync("PUT", Bucket, "k", new[] { Q("partNumber", "1"), Q("uploadId", "0123456789ABCDEF0123456789ABCDEF") }, Data(10));

        AssertError(response, HttpStatusCode.NotFound, "NoSuchUpload");
        Assert.Equal("0123456789ABCDEF0123456789ABCDEF", response.XmlValue("UploadId"));
    }

    [Fact]
    public async Task UploadPart_UploadIdOfAnotherKey_NoSuchUpload()
    {
        string id = await InitiateAsync("one");

        AssertError(await Client.SendAsync("PUT", Bucket, "two", new[] { Q("partNumber", "1"), Q("uploadId", id) }, Data(10)), HttpStatusCode.NotFound, "NoSuchUpload");
    }

    [Fact]
    public async Task Complete_PartsOutOfOrderOrDuplicated_InvalidPartOrder()
    {
        string id = await InitiateAsync("k");
        string e1 = await UploadPartAsync("k", id, 1, Data(MinPart));
        string e2 = await UploadPartAsync("k", id, 2, Data(MinPart));

        OssResponse reversed = await CompleteAsync("k", id, new[] { (2, e2), (1, e1) });
        OssResponse duplicated = await CompleteAsync("k", id, new[] { (1, e1), (1, e1) });

        AssertError(reversed, HttpStatusCode.BadRequest, "InvalidPartOrder");
        Assert.Equal("0042-00000209", reversed.Header("x-oss-ec"));
        AssertError(duplicated, HttpStatusCode.BadRequest, "InvalidPartOrder");
        Assert.Single(Emulator.ListUploads(Bucket));
    }

    [Fact]
    public async Task Complete_MissingPartOrWrongEtag_InvalidPart()
    {
        string id = await InitiateAsync("k");
        string e1 = await UploadPartAsync("k", id, 1, Data(MinPart));

        OssResponse missing = await CompleteAsync("k", id, new[] { (1, e1), (2, e1) });
        OssResponse wrongTag = await CompleteAsync("k", id, new[] { (1, "\"00000000000000000000000000000000\"") });

        AssertError(missing, HttpStatusCode.BadRequest, "InvalidPart");
        Assert.Equal("2", missing.XmlValue("PartNumber"));
        AssertError(wrongTag, HttpStatusCode.BadRequest, "InvalidPart");
    }

    [Fact]
    public async Task Complete_EtagUnquotedLowerCase_Accepted()
    {
        string id = await InitiateAsync("k");
        string e1 = await UploadPartAsync("k", id, 1, Data(10));

        OssResponse response = await CompleteAsync("k", id, new[] { (1, e1.Trim('"').ToLowerInvariant()) });

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Complete_NonLastPartBelow100KB_EntityTooSmall()
    {
        string id = await InitiateAsync("k");
        string e1 = await UploadPartAsync("k", id, 1, Data(MinPart - 1));
        string e2 = await UploadPartAsync("k", id, 2, Data(10));

        OssResponse response = await CompleteAsync("k", id, new[] { (1, e1), (2, e2) });

        AssertError(response, HttpStatusCode.BadRequest, "EntityTooSmall");
        Assert.Equal("0042-00000213", response.Header("x-oss-ec"));
        Assert.Equal("1", response.XmlValue("PartNumber"));
    }

    [Fact]
    public async Task Complete_ExactMinimumPartsAndSmallLastPart_Succeeds()
    {
        string id = await InitiateAsync("k");
        string e1 = await UploadPartAsync("k", id, 1, Data(MinPart));
        string e5 = await UploadPartAsync("k", id, 5, Data(1));

        OssResponse response = await CompleteAsync("k", id, new[] { (1, e1), (5, e5) });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(MinPart + 1, Emulator.GetObjectInfo(Bucket, "k")!.Size);
    }

    [Fact]
    public async Task Complete_SingleZeroBytePart_CreatesEmptyObject()
    {
        string id = await InitiateAsync("k");
        string e1 = await UploadPartAsync("k", id, 1, Array.Empty<byte>());

        OssResponse response = await CompleteAsync("k", id, new[] { (1, e1) });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("0", response.Header("x-oss-hash-crc64ecma"));
        Assert.Equal(0, Emulator.GetObjectInfo(Bucket, "k")!.Size);
    }

    [Fact]
    public async Task Complete_UnlistedParts_AreDiscarded()
    {
        string id = await InitiateAsync("k");
        string e1 = await UploadPartAsync("k", id, 1, Data(MinPart, seed: 1));
        await UploadPartAsync("k", id, 2, Data(MinPart, seed: 2));
        string e3 = await UploadPartAsync("k", id, 3, Data(10, seed: 3));

        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync("k", id, new[] { (1, e1), (3, e3) })).Status);

        Assert.Equal(Data(MinPart, seed: 1).Concat(Data(10, seed: 3)), Emulator.ReadObject(Bucket, "k"));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(DataDirectory, "buckets", Bucket, "blobs")).Length);
    }

    [Fact]
    public async Task Complete_ObjectCrc_IsCombinationOfListedParts()
    {
        byte[] a = Data(MinPart, seed: 5);
        byte[] b = Data(777, seed: 6);
        string id = await InitiateAsync("k");
        var parts = new[] { (1, await UploadPartAsync("k", id, 1, a)), (2, await UploadPartAsync("k", id, 2, b)) };

        OssResponse response = await CompleteAsync("k", id, parts);

        ulong expected = Crc64.Compute(a.Concat(b).ToArray());
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), response.Header("x-oss-hash-crc64ecma"));
        Assert.Equal(expected, Emulator.GetObjectInfo(Bucket, "k")!.Crc64);
    }

    [Fact]
    public async Task Complete_Twice_SecondGetsNoSuchUpload()
    {
        string id = await InitiateAsync("k");
        var parts = new[] { (1, await UploadPartAsync("k", id, 1, Data(10))) };

        OssResponse first = await CompleteAsync("k", id, parts);
        OssResponse second = await CompleteAsync("k", id, parts);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        AssertError(second, HttpStatusCode.NotFound, "NoSuchUpload");
    }

    [Theory]
    [InlineData("")]
    [InlineData("<CompleteMultipartUpload>")]
    [InlineData("<CompleteMultipartUpload></CompleteMultipartUpload>")]
    [InlineData("<Other><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></Other>")]
    [InlineData("<CompleteMultipartUpload><Part><ETag>x</ETag></Part></CompleteMultipartUpload>")]
    [InlineData("<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>")]
    public async Task Complete_MalformedOrEmptyBody_MalformedXml(string body)
    {
        string id = await InitiateAsync("k");
        await UploadPartAsync("k", id, 1, Data(10));

        OssResponse response = await Client.SendAsync("POST", Bucket, "k", new[] { Q("uploadId", id) }, OssTestClient.Utf8(body));

        AssertError(response, HttpStatusCode.BadRequest, "MalformedXML");
        Assert.Single(Emulator.ListUploads(Bucket));
    }

    [Fact]
    public async Task Complete_BodyWithBomDeclarationNamespaceAndWhitespace_Accepted()
    {
        string id = await InitiateAsync("k");
        string e1 = await UploadPartAsync("k", id, 1, Data(10));
        string xml = "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CompleteMultipartUpload xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n  <Part>\n    <PartNumber>1</PartNumber>\n    <ETag>" + e1 + "</ETag>\n  </Part>\n</CompleteMultipartUpload>";

        OssResponse response = await Client.SendAsync("POST", Bucket, "k", new[] { Q("uploadId", id) }, OssTestClient.Utf8(xml));

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Complete_WrongContentMd5_InvalidDigest()
    {
        string id = await InitiateAsync("k");
        string e1 = await UploadPartAsync("k", id, 1, Data(10));
        byte[] body = OssTestClient.Utf8(CompleteXml(new[] { (1, e1) }));

        OssResponse response = await Client.SendAsync("POST", Bucket, "k", new[] { Q("uploadId", id) }, body, new[] { H("Content-MD5", OssTestClient.Md5Base64(Data(3))) });

        AssertError(response, HttpStatusCode.BadRequest, "InvalidDigest");
    }

    [Fact]
    public async Task Complete_CompleteAllHeader_UsesAllUploadedPartsInOrder()
    {
        string id = await InitiateAsync("k");
        await UploadPartAsync("k", id, 3, Data(10, seed: 3));
        await UploadPartAsync("k", id, 1, Data(MinPart, seed: 1));
        await UploadPartAsync("k", id, 2, Data(MinPart, seed: 2));

        OssResponse response = await Client.SendAsync("POST", Bucket, "k", new[] { Q("uploadId", id) }, Array.Empty<byte>(), new[] { H("x-oss-complete-all", "yes") });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.EndsWith("-3\"", response.Header("ETag"), StringComparison.Ordinal);
        Assert.Equal(Data(MinPart, seed: 1).Concat(Data(MinPart, seed: 2)).Concat(Data(10, seed: 3)), Emulator.ReadObject(Bucket, "k"));
    }

    [Fact]
    public async Task Complete_CompleteAllWithBody_InvalidArgument()
    {
        string id = await InitiateAsync("k");
        string e1 = await UploadPartAsync("k", id, 1, Data(10));

        OssResponse response = await CompleteAsync("k", id, new[] { (1, e1) }, H("x-oss-complete-all", "yes"));

        AssertError(response, HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Fact]
    public async Task Complete_ForbidOverwriteHeaderWhenKeyExists_FileAlreadyExistsAndUploadKept()
    {
        await PutObjectAsync("k", Data(5));
        string id = await InitiateAsync("k");
        var parts = new[] { (1, await UploadPartAsync("k", id, 1, Data(10))) };

        OssResponse response = await CompleteAsync("k", id, parts, H("x-oss-forbid-overwrite", "true"));

        AssertError(response, HttpStatusCode.Conflict, "FileAlreadyExists");
        Assert.Single(Emulator.ListUploads(Bucket));
        Assert.Equal(Data(5), Emulator.ReadObject(Bucket, "k"));
    }

    [Fact]
    public async Task Initiate_ForbidOverwriteWhenKeyExists_FileAlreadyExists()
    {
        await PutObjectAsync("k", Data(5));

        OssResponse response = await Client.SendAsync("POST", Bucket, "k", new[] { Q("uploads") }, headers: new[] { H("x-oss-forbid-overwrite", "true") });

        AssertError(response, HttpStatusCode.Conflict, "FileAlreadyExists");
        Assert.Empty(Emulator.ListUploads());
    }

    [Fact]
    public async Task Complete_ForbidOverwriteFromInitiate_CheckedAtComplete()
    {
        string id = await InitiateAsync("k", H("x-oss-forbid-overwrite", "true"));
        var parts = new[] { (1, await UploadPartAsync("k", id, 1, Data(10))) };
        await PutObjectAsync("k", Data(5));

        AssertError(await CompleteAsync("k", id, parts), HttpStatusCode.Conflict, "FileAlreadyExists");
        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync("k", id, parts, H("x-oss-forbid-overwrite", "false"))).Status);
    }

    [Fact]
    public async Task Complete_AclHeaderAndEncodingType_AppliedAndEncoded()
    {
        string id = await InitiateAsync("a b/c+d", H("x-oss-server-side-encryption", "KMS"));
        var parts = new[] { (1, await UploadPartAsync("a b/c+d", id, 1, Data(10))) };
        byte[] body = OssTestClient.Utf8(CompleteXml(parts));

        OssResponse response = await Client.SendAsync("POST", Bucket, "a b/c+d", new[] { Q("uploadId", id), Q("encoding-type", "url") }, body, new[] { H("x-oss-object-acl", "private") });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("url", response.XmlValue("EncodingType"));
        Assert.Equal("a%20b%2Fc%2Bd", response.XmlValue("Key"));
        Assert.Equal("KMS", response.Header("x-oss-server-side-encryption"));
        Assert.Equal("private", Emulator.GetObjectInfo(Bucket, "a b/c+d")!.Acl);
    }

    [Fact]
    public async Task Abort_ThenEveryUploadRequest_NoSuchUpload()
    {
        string id = await InitiateAsync("k");
        string e1 = await UploadPartAsync("k", id, 1, Data(10));

        OssResponse abort = await Client.SendAsync("DELETE", Bucket, "k", new[] { Q("uploadId", id) });

        Assert.Equal(HttpStatusCode.NoContent, abort.Status);
        Assert.Empty(Emulator.ListUploads());
        Assert.Empty(Directory.GetFiles(Path.Combine(DataDirectory, "buckets", Bucket, "blobs")));
        AssertError(await Client.SendAsync("PUT", Bucket, "k", new[] { Q("partNumber", "2"), Q("uploadId", id) }, Data(10)), HttpStatusCode.NotFound, "NoSuchUpload");
        AssertError(await Client.SendAsync("GET", Bucket, "k", new[] { Q("uploadId", id) }), HttpStatusCode.NotFound, "NoSuchUpload");
        AssertError(await CompleteAsync("k", id, new[] { (1, e1) }), HttpStatusCode.NotFound, "NoSuchUpload");
        AssertError(await Client.SendAsync("DELETE", Bucket, "k", new[] { Q("uploadId", id) }), HttpStatusCode.NotFound, "NoSuchUpload");
    }

    [Fact]
    public async Task UploadPart_ParallelPartsOfOneUpload_AllStored()
    {
        string id = await InitiateAsync("k");

        string[] eTags = await Task.WhenAll(Enumerable.Range(1, 12).Select(n => UploadPartAsync("k", id, n, Data(MinPart, seed: n))));

        Assert.Equal(Enumerable.Range(1, 12), Emulator.ListUploads(Bucket).Single().Parts.Select(p => p.PartNumber));
        OssResponse complete = await CompleteAsync("k", id, eTags.Select((e, i) => (i + 1, e)));
        Assert.Equal(HttpStatusCode.OK, complete.Status);
        Assert.Equal(Enumerable.Range(1, 12).SelectMany(n => Data(MinPart, seed: n)), Emulator.ReadObject(Bucket, "k"));
    }

    [Fact]
    public async Task UploadPart_SamePartInParallel_OneVersionWinsConsistently()
    {
        string id = await InitiateAsync("k");

        string[] eTags = await Task.WhenAll(Enumerable.Range(1, 6).Select(seed => UploadPartAsync("k", id, 1, Data(50_000, seed))));

        EmulatorPartInfo part = Emulator.ListUploads(Bucket).Single().Parts.Single();
        Assert.Contains(part.ETag, eTags);
        Assert.Single(Directory.GetFiles(Path.Combine(DataDirectory, "buckets", Bucket, "blobs")));
        int winner = Array.IndexOf(eTags, part.ETag) + 1;
        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync("k", id, new[] { (1, part.ETag) })).Status);
        Assert.Equal(Data(50_000, winner), Emulator.ReadObject(Bucket, "k"));
    }

    [Fact]
    public async Task CompleteAndAbort_Racing_ExactlyOneWinsAndStateIsConsistent()
    {
        for (int round = 0; round < 5; round++)
        {
            string key = "race" + round;
            string id = await InitiateAsync(key);
            var parts = new[] { (1, await UploadPartAsync(key, id, 1, Data(MinPart))), (2, await UploadPartAsync(key, id, 2, Data(10))) };

            OssResponse[] results = await Task.WhenAll(CompleteAsync(key, id, parts), Client.SendAsync("DELETE", Bucket, key, new[] { Q("uploadId", id) }));
            OssResponse complete = results[0];
            OssResponse abort = results[1];

            bool completed = complete.Status == HttpStatusCode.OK;
            bool aborted = abort.Status == HttpStatusCode.NoContent;
            Assert.True(completed ^ aborted, "complete " + complete + " / abort " + abort);
            Assert.Equal(completed ? null : "NoSuchUpload", complete.ErrorCode);
            Assert.Equal(aborted ? null : "NoSuchUpload", abort.ErrorCode);
            Assert.Equal(completed, Emulator.GetObjectInfo(Bucket, key) is not null);
            Assert.Empty(Emulator.ListUploads());
        }
    }
}
