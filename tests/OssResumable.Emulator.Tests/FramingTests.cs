using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

/// <summary>Body framing HttpClient would not send: no Content-Length and not chunked, hand-made chunks, over 5 GiB.</summary>
public class FramingTests : EmulatorTestBase
{
    private List<KeyValuePair<string, string>> Signed(string method, string key, IEnumerable<KeyValuePair<string, string>>? query = null) =>
        Client.Sign(method, Bucket, key, query, null);

    [Fact]
    public async Task PutObject_WithoutContentLength_MissingContentLength()
    {
        RawHttp.Response response = await RawHttp.SendAsync(Emulator.Port, "PUT /" + Bucket + "/k HTTP/1.1", Signed("PUT", "k"));

        Assert.Equal(411, response.Status);
        Assert.Contains("<Code>MissingContentLength</Code>", response.Body, System.StringComparison.Ordinal);
        Assert.Matches("^[0-9A-F]{24}$", response.Headers["x-oss-request-id"]);
    }

    [Fact]
    public async Task UploadPart_WithoutContentLength_MissingContentLength()
    {
        string id = await InitiateAsync("k");
        KeyValuePair<string, string>[] query = { Q("partNumber", "1"), Q("uploadId", id) };

        RawHttp.Response response = await RawHttp.SendAsync(Emulator.Port, "PUT /" + Bucket + "/k?partNumber=1&uploadId=" + id + " HTTP/1.1", Signed("PUT", "k", query));

        Assert.Equal(411, response.Status);
        Assert.Contains("<Code>MissingContentLength</Code>", response.Body, System.StringComparison.Ordinal);
        Assert.Empty(Emulator.ListUploads(Bucket).Single().Parts);
    }

    [Fact]
    public async Task PutObject_Chunked_StoresTheDecodedBody()
    {
        RawHttp.Response response = await RawHttp.SendAsync(
            Emulator.Port,
            "PUT /" + Bucket + "/k HTTP/1.1",
            Signed("PUT", "k").Append(H("Transfer-Encoding", "chunked")),
            OssTestClient.Utf8("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));

        Assert.Equal(200, response.Status);
        Assert.Equal(OssTestClient.Utf8("hello world"), Emulator.ReadObject(Bucket, "k"));
        Assert.Equal("\"" + OssTestClient.Md5Hex(OssTestClient.Utf8("hello world")) + "\"", response.Headers["ETag"]);
    }

    /// <summary>
    /// A chunked body declares no length, so the 5 GiB limit can only be applied while reading: the
    /// emulator reads (and hashes, and writes) 5 GiB, then refuses the next byte. The client streams
    /// 1 MiB frames of one reused buffer and stops as soon as the answer arrives; this is as fast as
    /// the emulator can take 5 GiB in.
    /// </summary>
    [Fact]
    public async Task UploadPart_ChunkedBodyOver5GiB_EntityTooLargeAndNothingStored()
    {
        const long Limit = 5L * 1024 * 1024 * 1024;
        string id = await InitiateAsync("huge");
        KeyValuePair<string, string>[] query = { Q("partNumber", "1"), Q("uploadId", id) };

        (RawHttp.Response response, long sent) = await RawHttp.SendChunkedAsync(
            Emulator.Port,
            "PUT /" + Bucket + "/huge?partNumber=1&uploadId=" + id + " HTTP/1.1",
            Signed("PUT", "huge", query),
            bodyLength: Limit + (16 * 1024 * 1024),
            frameSize: 1024 * 1024);

        Assert.Equal(400, response.Status);
        Assert.Contains("<Code>EntityTooLarge</Code>", response.Body, System.StringComparison.Ordinal);
        Assert.Contains("<MaxSizeAllowed>5368709120</MaxSizeAllowed>", response.Body, System.StringComparison.Ordinal);
        Assert.Equal("close", response.Headers["Connection"]);
        Assert.True(sent > Limit, "the client sent only " + sent + " bytes");
        Assert.True(Emulator.GetStatistics().GetBodyBytesRead(EmulatorOperation.UploadPart) > Limit);
        Assert.Equal(0, Emulator.GetStatistics().BytesReceived);
        Assert.Empty(Emulator.ListUploads(Bucket).Single().Parts);
        Assert.Empty(System.IO.Directory.GetFiles(System.IO.Path.Combine(DataDirectory, "buckets", Bucket, "blobs")));
    }

    [Fact]
    public async Task PutObject_Over5GiB_EntityTooLargeBeforeAnyBodyIsRead()
    {
        RawHttp.Response response = await RawHttp.SendAsync(
            Emulator.Port,
            "PUT /" + Bucket + "/huge HTTP/1.1",
            Signed("PUT", "huge").Append(H("Content-Length", "5368709121")));

        Assert.Equal(400, response.Status);
        Assert.Contains("<Code>EntityTooLarge</Code>", response.Body, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadPart_Over5GiB_EntityTooLarge()
    {
        string id = await InitiateAsync("huge");
        KeyValuePair<string, string>[] query = { Q("partNumber", "1"), Q("uploadId", id) };

        RawHttp.Response response = await RawHttp.SendAsync(
            Emulator.Port,
            "PUT /" + Bucket + "/huge?partNumber=1&uploadId=" + id + " HTTP/1.1",
            Signed("PUT", "huge", query).Append(H("Content-Length", "5368709121")));

        Assert.Equal(400, response.Status);
        Assert.Contains("<Code>EntityTooLarge</Code>", response.Body, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutObject_Exactly5GiBDeclared_IsNotRefusedUpFront()
    {
        // Only the header is sent; the server must start reading (it would accept 5 GiB), so
        // the answer can only come after the client gives up: no early EntityTooLarge.
        RawHttp.Response response = await RawHttp.SendAsync(
            Emulator.Port,
            "PUT /" + Bucket + "/big HTTP/1.1",
            Signed("PUT", "big").Append(H("Content-Length", "5368709120")).Append(H("Expect", "100-continue")));

        Assert.Equal(100, response.Status);
    }

    [Fact]
    public async Task PutObject_ExpectContinueWithBadSignature_RejectedBeforeBodyIsSent()
    {
        Client.Secret = "wrong";

        RawHttp.Response response = await RawHttp.SendAsync(
            Emulator.Port,
            "PUT /" + Bucket + "/k HTTP/1.1",
            Signed("PUT", "k").Append(H("Content-Length", "1000000")).Append(H("Expect", "100-continue")));

        Assert.Equal(403, response.Status);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", response.Body, System.StringComparison.Ordinal);
    }
}
