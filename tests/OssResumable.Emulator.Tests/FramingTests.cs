using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

/// <summary>Body framing HttpClient would not send: no Content-Length, chunked, over 5 GiB.</summary>
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
    public async Task PutObject_Chunked_MissingContentLength()
    {
        RawHttp.Response response = await RawHttp.SendAsync(
            Emulator.Port,
            "PUT /" + Bucket + "/k HTTP/1.1",
            Signed("PUT", "k").Append(H("Transfer-Encoding", "chunked")),
            OssTestClient.Utf8("5\r\nhello\r\n0\r\n\r\n"));

        Assert.Equal(411, response.Status);
        Assert.Contains("<Code>MissingContentLength</Code>", response.Body, System.StringComparison.Ordinal);
        Assert.Null(Emulator.GetObjectInfo(Bucket, "k"));
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
