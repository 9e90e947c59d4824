using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

public class ClientOperationTests
{
    [Fact]
    public async Task ClockSkew_ServerRejectsTime_RetriesWithServerClockAndKeepsOffset()
    {
        var serverNow = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var localNow = serverNow.AddHours(-1);
        var handler = new FakeOssHandler((request, _) =>
        {
            var sent = DateTimeOffset.Parse(request.Header("Date")!, CultureInfo.InvariantCulture);
            return Math.Abs((sent - serverNow).TotalMinutes) > 15
                ? FakeOssHandler.Response(HttpStatusCode.Forbidden, FakeOssHandler.ErrorXml("RequestTimeTooSkewed", "The difference between the request time and the current time is too large."), ("Date", serverNow.ToString("r", CultureInfo.InvariantCulture)))
                : FakeOssHandler.Response(HttpStatusCode.NoContent);
        });
        using var client = TestClients.Create(handler, clock: () => localNow);

        await client.DeleteObjectAsync("bucket", "k");
        await client.DeleteObjectAsync("bucket", "k2");

        Assert.Equal(3, handler.RequestList.Count);
        Assert.Equal(TimeSpan.FromHours(1), client.ClockOffset);
        Assert.Equal(serverNow.ToString("r", CultureInfo.InvariantCulture), handler.RequestList[1].Header("Date"));
        Assert.Equal("20240301T100000Z", handler.RequestList[2].Header("x-oss-date"));
        Assert.True(SignatureVerifier.Verify(handler.RequestList[2], TestClients.AccessKeyId, TestClients.Secret, "cn-hangzhou"));
    }

    [Fact]
    public async Task ClockSkew_WithoutDateHeader_NotRetried()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.Forbidden, FakeOssHandler.ErrorXml("RequestTimeTooSkewed")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.DeleteObjectAsync("bucket", "k"));

        Assert.Equal("RequestTimeTooSkewed", ex.ErrorCode);
        Assert.Single(handler.RequestList);
    }

    [Fact]
    public async Task ListParts_SeveralPages_FollowsMarkersAndYieldsAll()
    {
        var handler = new FakeOssHandler((request, _) =>
        {
            var query = SignatureVerifier.ParseQuery(request.Uri).ToDictionary(p => p.Key, p => p.Value);
            int marker = query.TryGetValue("part-number-marker", out var m) ? int.Parse(m, CultureInfo.InvariantCulture) : 0;
            int max = int.Parse(query["max-parts"], CultureInfo.InvariantCulture);
            var numbers = Enumerable.Range(1, 5).Where(n => n > marker).Take(max).ToList();
            bool truncated = numbers.Count > 0 && numbers[^1] < 5;
            var xml = new StringBuilder("<ListPartsResult><EncodingType>url</EncodingType><Key>k</Key><UploadId>U</UploadId>");
            xml.Append("<NextPartNumberMarker>").Append(numbers.Count > 0 ? numbers[^1] : 0).Append("</NextPartNumberMarker>");
            xml.Append("<IsTruncated>").Append(truncated ? "true" : "false").Append("</IsTruncated>");
            foreach (int n in numbers)
            {
                xml.Append("<Part><PartNumber>").Append(n).Append("</PartNumber><LastModified>2024-03-01T10:00:01.000Z</LastModified><ETag>\"E").Append(n)
                    .Append("\"</ETag><HashCrc64ecma>").Append(n * 11).Append("</HashCrc64ecma><Size>").Append(n * 100).Append("</Size></Part>");
            }

            return FakeOssHandler.Response(HttpStatusCode.OK, xml.Append("</ListPartsResult>").ToString());
        });
        using var client = TestClients.Create(handler);

        var parts = new List<ListedPart>();
        await foreach (var part in client.ListPartsAsync(new ListPartsRequest("bucket", "k", "U") { PageSize = 2 }))
        {
            parts.Add(part);
        }

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, parts.Select(p => p.PartNumber));
        Assert.Equal(new long[] { 100, 200, 300, 400, 500 }, parts.Select(p => p.Size));
        Assert.Equal(55UL, parts[4].Crc64);
        Assert.Equal(3, handler.RequestList.Count);
        Assert.Equal("?uploadId=U&encoding-type=url&max-parts=2", handler.RequestList[0].Uri.Query);
        Assert.Equal("?uploadId=U&encoding-type=url&max-parts=2&part-number-marker=2", handler.RequestList[1].Uri.Query);
        Assert.Equal("?uploadId=U&encoding-type=url&max-parts=2&part-number-marker=4", handler.RequestList[2].Uri.Query);
    }

    [Fact]
    public async Task ListParts_MarkerDoesNotAdvance_ThrowsInsteadOfLooping()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.OK,
            "<ListPartsResult><NextPartNumberMarker>0</NextPartNumberMarker><IsTruncated>true</IsTruncated></ListPartsResult>"));
        using var client = TestClients.Create(handler);

        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in client.ListPartsAsync("bucket", "k", "U"))
            {
            }
        });
        Assert.Single(handler.RequestList);
    }

    [Fact]
    public async Task ListParts_NoSuchUpload_Throws()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.NotFound, FakeOssHandler.ErrorXml("NoSuchUpload")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OssServiceException>(async () =>
        {
            await foreach (var _ in client.ListPartsAsync("bucket", "k", "U"))
            {
            }
        });
        Assert.Equal("NoSuchUpload", ex.ErrorCode);
    }

    [Fact]
    public async Task ListMultipartUploads_SeveralPages_PassesBothMarkersAndDecodesKeys()
    {
        var handler = new FakeOssHandler((request, index) =>
        {
            string page = index == 0
                ? "<Upload><Key>p%2Fa%2B1</Key><UploadId>U1</UploadId><Initiated>2024-03-01T10:00:00.000Z</Initiated></Upload>" +
                  "<NextKeyMarker>p%2Fa%2B1</NextKeyMarker><NextUploadIdMarker>U1</NextUploadIdMarker><IsTruncated>true</IsTruncated>"
                : "<Upload><Key>p%2Fb%20c</Key><UploadId>U2</UploadId><StorageClass>Standard</StorageClass><Initiated>2024-03-02T10:00:00.000Z</Initiated></Upload>" +
                  "<NextKeyMarker></NextKeyMarker><NextUploadIdMarker></NextUploadIdMarker><IsTruncated>false</IsTruncated>";
            return FakeOssHandler.Response(HttpStatusCode.OK, "<ListMultipartUploadsResult><EncodingType>url</EncodingType>" + page + "</ListMultipartUploadsResult>");
        });
        using var client = TestClients.Create(handler);

        var uploads = new List<MultipartUploadSummary>();
        await foreach (var upload in client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest("bucket") { Prefix = "p/", PageSize = 1 }))
        {
            uploads.Add(upload);
        }

        Assert.Equal(new[] { "p/a+1", "p/b c" }, uploads.Select(u => u.Key));
        Assert.Equal(new[] { "U1", "U2" }, uploads.Select(u => u.UploadId));
        Assert.Equal(2, handler.RequestList.Count);
        Assert.Equal("?uploads&encoding-type=url&max-uploads=1&prefix=p%2F&key-marker=p%2Fa%2B1&upload-id-marker=U1", handler.RequestList[1].Uri.Query);
    }

    [Fact]
    public void ListRequests_PageSizeOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ListMultipartUploadsRequest("bucket") { PageSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ListPartsRequest("bucket", "k", "U") { PageSize = 1001 });
    }

    [Fact]
    public async Task HeadObject_Headers_ParsedIntoResult()
    {
        var handler = new FakeOssHandler((_, _) =>
        {
            var response = FakeOssHandler.Response(HttpStatusCode.OK, null,
                ("ETag", "\"C1AA43FFAC5C2D7F3B4FE289C009A2C6-3\""),
                ("x-oss-hash-crc64ecma", "13522109751786571237"),
                ("x-oss-object-type", "Multipart"),
                ("x-oss-storage-class", "Standard"),
                ("x-oss-meta-author", "alice"),
                ("Last-Modified", "Fri, 01 Mar 2024 10:00:00 GMT"),
                ("Content-Type", "video/mp4"));
            response.Content.Headers.ContentLength = 256000;
            return response;
        });
        using var client = TestClients.Create(handler);

        var head = await client.HeadObjectAsync("bucket", "multipart.data");

        Assert.Equal(256000, head.ContentLength);
        Assert.Equal("\"C1AA43FFAC5C2D7F3B4FE289C009A2C6-3\"", head.ETag);
        Assert.Equal(13522109751786571237UL, head.Crc64);
        Assert.Equal("Multipart", head.ObjectType);
        Assert.Equal("Standard", head.StorageClass);
        Assert.Equal("alice", head.Metadata["author"]);
        Assert.Equal("video/mp4", head.ContentType);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero), head.LastModified);
        Assert.Equal("5C3D9778CC1C2AEDF85B0001", head.RequestId);
        Assert.Equal("HEAD", handler.RequestList.Single().Method.Method);
    }

    [Fact]
    public async Task HeadObject_Missing_DecodesErrHeader()
    {
        string xml = "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>R9</RequestId></Error>";
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.NotFound, null, ("x-oss-err", Convert.ToBase64String(Encoding.UTF8.GetBytes(xml)))));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.HeadObjectAsync("bucket", "missing"));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("NoSuchKey", ex.ErrorCode);
        Assert.Equal("R9", ex.RequestId);
        Assert.Single(handler.RequestList);
    }

    [Fact]
    public async Task GetObject_Range_SendsRangeHeaderAndReturnsBody()
    {
        var handler = new FakeOssHandler((_, _) =>
        {
            // The whole-object CRC header must not be applied to a range.
            var response = FakeOssHandler.Response(HttpStatusCode.PartialContent, null, ("x-oss-hash-crc64ecma", "1"));
            response.Content = new System.Net.Http.ByteArrayContent(new byte[] { 2, 3, 4 });
            response.Content.Headers.TryAddWithoutValidation("Content-Range", "bytes 2-4/10");
            return response;
        });
        using var client = TestClients.Create(handler);

        using var result = await client.GetObjectAsync(new GetObjectRequest("bucket", "k").WithRange(2, 4));
        using var copy = new MemoryStream();
        await result.Content.CopyToAsync(copy);

        Assert.Equal("bytes=2-4", handler.RequestList.Single().Header("Range"));
        Assert.Equal(new byte[] { 2, 3, 4 }, copy.ToArray());
        Assert.Equal("bytes 2-4/10", result.ContentRange);
    }

    [Fact]
    public async Task GetObject_WholeObjectWithWrongCrc_ThrowsAtEndOfStream()
    {
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        var handler = new FakeOssHandler((_, _) =>
        {
            var response = FakeOssHandler.Response(HttpStatusCode.OK, null, ("x-oss-hash-crc64ecma", "42"));
            response.Content = new System.Net.Http.ByteArrayContent(data);
            return response;
        });
        using var client = TestClients.Create(handler);

        using var result = await client.GetObjectAsync(new GetObjectRequest("bucket", "k"));
        var ex = await Assert.ThrowsAsync<OssChecksumMismatchException>(() => result.Content.CopyToAsync(Stream.Null));

        Assert.Equal(11051210869376104954UL, ex.LocalCrc64);
        Assert.Equal(42UL, ex.ServerCrc64);
    }

    [Fact]
    public async Task GetObject_WholeObjectWithRightCrc_ReadsToEnd()
    {
        byte[] data = Encoding.ASCII.GetBytes("123456789");
        var handler = new FakeOssHandler((_, _) =>
        {
            var response = FakeOssHandler.Response(HttpStatusCode.OK, null, ("x-oss-hash-crc64ecma", Crc64.Compute(data).ToString(CultureInfo.InvariantCulture)));
            response.Content = new System.Net.Http.ByteArrayContent(data);
            return response;
        });
        using var client = TestClients.Create(handler);

        using var result = await client.GetObjectAsync(new GetObjectRequest("bucket", "k"));
        using var copy = new MemoryStream();
        await result.Content.CopyToAsync(copy);

        Assert.Equal(data, copy.ToArray());
        Assert.Equal(Crc64.Compute(data), result.Properties.Crc64);
    }

    [Fact]
    public async Task PutObject_ServerCrcMismatch_ThrowsAfterRetries()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.OK, null, ("ETag", "\"E\""), ("x-oss-hash-crc64ecma", "5")));
        using var client = TestClients.Create(handler, TestClients.Options(maxRetries: 1));

        var ex = await Assert.ThrowsAsync<OssChecksumMismatchException>(() => client.PutObjectAsync(new PutObjectRequest("bucket", "k", RequestBody.FromBytes(new byte[] { 1, 2 }))));

        Assert.Null(ex.PartNumber);
        Assert.Equal(2, handler.RequestList.Count);
    }

    [Fact]
    public async Task PutObject_ServerOmitsCrc_ReturnsLocalCrc()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.OK, null, ("ETag", "\"E\""), ("x-oss-version-id", "v7")));
        using var client = TestClients.Create(handler);

        var result = await client.PutObjectAsync(new PutObjectRequest("bucket", "k", RequestBody.FromBytes(Encoding.ASCII.GetBytes("123456789"))));

        Assert.Equal(11051210869376104954UL, result.Crc64);
        Assert.Equal("v7", result.VersionId);
        Assert.Equal("\"E\"", result.ETag);
    }

    [Fact]
    public async Task PutBucket_SendsBucketLevelPut()
    {
        var handler = new FakeOssHandler((_, _) => FakeOssHandler.Response(HttpStatusCode.OK));
        using var client = TestClients.Create(handler);

        await client.PutBucketAsync("newbucket");

        var request = handler.RequestList.Single();
        Assert.Equal("PUT", request.Method.Method);
        Assert.Equal("/newbucket/", request.Uri.AbsolutePath);
        Assert.True(SignatureVerifier.Verify(request, TestClients.AccessKeyId, TestClients.Secret, "cn-hangzhou"));
    }
}
