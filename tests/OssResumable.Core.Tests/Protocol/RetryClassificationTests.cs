using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Security.Authentication;
using OssResumable.Core.Protocol;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Tests.Protocol;

public class RetryClassificationTests
{
    private static OssServiceException Service(int status, string code) =>
        new("m", status, code, "msg", "R", null, null, new Dictionary<string, string>(), "Op", "b", "k");

    [Theory]
    [InlineData(500, "InternalError", true)]
    [InlineData(502, "", true)]
    [InlineData(503, "ServiceUnavailable", true)]
    [InlineData(408, "", true)]
    [InlineData(429, "TooManyRequests", true)]
    [InlineData(400, "RequestTimeout", true)]
    [InlineData(404, "NoSuchUpload", false)]
    [InlineData(404, "NoSuchKey", false)]
    [InlineData(400, "InvalidPart", false)]
    [InlineData(400, "InvalidPartOrder", false)]
    [InlineData(400, "EntityTooSmall", false)]
    [InlineData(400, "InvalidDigest", false)]
    [InlineData(403, "SignatureDoesNotMatch", false)]
    [InlineData(403, "AccessDenied", false)]
    [InlineData(403, "InvalidAccessKeyId", false)]
    [InlineData(403, "RequestTimeTooSkewed", false)]
    [InlineData(403, "SecurityTokenExpired", false)]
    [InlineData(409, "FileAlreadyExists", false)]
    [InlineData(400, "BadRequest", false)]
    public void IsRetryable_ServiceError_FollowsProtocolTable(int status, string code, bool expected)
    {
        Assert.Equal(expected, OssRetryPipeline.IsRetryable(Service(status, code)));
    }

    [Fact]
    public void IsRetryable_ServiceErrorAfterCorrection_IsRetried()
    {
        var skew = Service(403, "RequestTimeTooSkewed");
        skew.RetryAfterCorrection = true;

        Assert.True(OssRetryPipeline.IsRetryable(skew));
    }

    [Fact]
    public void IsRetryable_TransportFailures_AreRetriedExceptTls()
    {
        Assert.True(OssRetryPipeline.IsRetryable(new OssTransportException("m", new HttpRequestException("reset", new IOException("connection reset")), "Op", "b", "k", false)));
        Assert.True(OssRetryPipeline.IsRetryable(new OssTransportException("m", new TimeoutException(), "Op", "b", "k", true)));
        Assert.False(OssRetryPipeline.IsRetryable(new OssTransportException("m", new HttpRequestException("tls", new AuthenticationException("cert")), "Op", "b", "k", false)));
    }

    [Fact]
    public void IsRetryable_ChecksumMismatch_IsRetried()
    {
        Assert.True(OssRetryPipeline.IsRetryable(new OssChecksumMismatchException("UploadPart", "b", "k", 3, 1, 2, "R")));
    }

    [Fact]
    public void IsRetryable_NonOssExceptions_AreNotRetried()
    {
        Assert.False(OssRetryPipeline.IsRetryable(new IOException("disk")));
        Assert.False(OssRetryPipeline.IsRetryable(new OperationCanceledException()));
        Assert.False(OssRetryPipeline.IsRetryable(new ArgumentException("bad")));
        Assert.False(OssRetryPipeline.IsRetryable(null));
    }

    [Fact]
    public void ChecksumMismatch_Message_NamesBucketKeyPartAndBothCrcs()
    {
        var ex = new OssChecksumMismatchException("UploadPart", "bkt", "dir/file", 42, 111, 222, "REQ");

        Assert.Contains("bkt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dir/file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("part 42", ex.Message, StringComparison.Ordinal);
        Assert.Contains("111", ex.Message, StringComparison.Ordinal);
        Assert.Contains("222", ex.Message, StringComparison.Ordinal);
    }
}
