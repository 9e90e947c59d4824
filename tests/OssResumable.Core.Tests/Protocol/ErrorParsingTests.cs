using System;
using System.Net.Http;
using System.Text;
using OssResumable.Core.Protocol;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Tests.Protocol;

public class ErrorParsingTests
{
    private static readonly OssOperation Context = new("UploadPart", HttpMethod.Put, "examplebucket", "multipart.data") { UploadId = "0004B989", PartNumber = 7 };

    private static OssServiceException Parse(int status, string? body, string? errHeader = null, string? requestId = "HDRREQ", string? ec = null)
    {
        byte[] bytes = body is null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(body);
        return OssErrorParser.Create(status, bytes, bytes.Length, errHeader, requestId, ec, Context);
    }

    [Fact]
    public void Create_ErrorXml_ReadsAllFields()
    {
        var ex = Parse(404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message><RequestId>5C3D9778CC1C2AEDF85B1234</RequestId><HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId><UploadId>0004B989</UploadId><EC>0048-00000001</EC><RecommendDoc>https://api.aliyun.com/troubleshoot?q=0048-00000001</RecommendDoc></Error>");

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("NoSuchUpload", ex.ErrorCode);
        Assert.Equal("The specified upload does not exist.", ex.ErrorMessage);
        Assert.Equal("5C3D9778CC1C2AEDF85B1234", ex.RequestId);
        Assert.Equal("examplebucket.oss-cn-hangzhou.aliyuncs.com", ex.HostId);
        Assert.Equal("0048-00000001", ex.Ec);
        Assert.Equal("0004B989", ex.Details["UploadId"]);
        Assert.Equal("UploadPart", ex.Operation);
        Assert.Equal("examplebucket", ex.Bucket);
        Assert.Equal("multipart.data", ex.Key);
        Assert.Contains("NoSuchUpload", ex.Message, StringComparison.Ordinal);
        Assert.Contains("key 'multipart.data'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("part 7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("5C3D9778CC1C2AEDF85B1234", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
    }

    [Theory]
    [InlineData("0002-00000226", "Invalid signing region in Authorization header.", true)]
    [InlineData(null, "Invalid signing region in Authorization header.", true)]
    [InlineData("0002-00000226", "", true)]
    [InlineData("0002-00000227", "Invalid signing product in Authorization header.", false)]
    [InlineData("0017-00000208", "Part number must be an integer between 1 and 10000, inclusive.", false)]
    public void Create_InvalidArgument_IsInvalidSigningRegionOnlyForTheRegion(string? ec, string message, bool expected)
    {
        string xml = "<Error><Code>InvalidArgument</Code><Message>" + message + "</Message><RequestId>R1</RequestId>" + (ec is null ? string.Empty : "<EC>" + ec + "</EC>") + "</Error>";

        var ex = Parse(400, xml);

        Assert.Equal(expected, ex.IsInvalidSigningRegion);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public void Create_NamespacedErrorRoot_Parsed()
    {
        var ex = Parse(403, FakeOssHandler.ErrorXml("SignatureDoesNotMatch", "sig", ns: "http://doc.oss-cn-hangzhou.aliyuncs.com"));

        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        Assert.Equal("b.oss.example", ex.HostId);
    }

    [Fact]
    public void Create_HeadErrorInHeader_DecodesBase64Xml()
    {
        string xml = "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>R1</RequestId><EC>0026-00000001</EC></Error>";

        var ex = Parse(404, null, errHeader: Convert.ToBase64String(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal("NoSuchKey", ex.ErrorCode);
        Assert.Equal("R1", ex.RequestId);
        Assert.Equal("0026-00000001", ex.Ec);
    }

    [Fact]
    public void Create_EmptyBodyNoHeader_KeepsStatusAndHeaderIds()
    {
        var ex = Parse(404, null, ec: "0026-00000001");

        Assert.Equal(string.Empty, ex.ErrorCode);
        Assert.Equal("HDRREQ", ex.RequestId);
        Assert.Equal("0026-00000001", ex.Ec);
        Assert.Contains("HTTP 404 without error details", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NonXmlBody_KeepsSnippetAndParseFailure()
    {
        var ex = Parse(502, "<html><body>Bad Gateway</body></html");

        Assert.Equal(string.Empty, ex.ErrorCode);
        Assert.Contains("Bad Gateway", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(ex.InnerException);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public void Create_InvalidBase64Header_KeepsParseFailure()
    {
        var ex = Parse(404, null, errHeader: "!!!not-base64");

        Assert.IsType<FormatException>(ex.InnerException);
    }
}
