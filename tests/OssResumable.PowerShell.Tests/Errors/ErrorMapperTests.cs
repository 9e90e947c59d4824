using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Parameters;

namespace OssResumable.PowerShell.Tests.Errors;

public class ErrorMapperTests
{
    private static OssServiceException Service(int status, string code) =>
        new(code + " (" + status + ")", status, code, "msg", "REQ", null, null, null, "UploadPart", "b", "k");

    [Theory]
    [InlineData(404, "NoSuchUpload", "OssNoSuchUpload", (int)PsErrorCategory.ObjectNotFound)]
    [InlineData(404, "NoSuchBucket", "OssNoSuchBucket", (int)PsErrorCategory.ObjectNotFound)]
    [InlineData(403, "SignatureDoesNotMatch", "OssSignatureDoesNotMatch", (int)PsErrorCategory.AuthenticationError)]
    [InlineData(403, "InvalidAccessKeyId", "OssInvalidAccessKeyId", (int)PsErrorCategory.AuthenticationError)]
    [InlineData(403, "AccessDenied", "OssAccessDenied", (int)PsErrorCategory.PermissionDenied)]
    [InlineData(409, "FileAlreadyExists", "OssFileAlreadyExists", (int)PsErrorCategory.ResourceExists)]
    [InlineData(503, "ServiceUnavailable", "OssServiceUnavailable", (int)PsErrorCategory.ResourceUnavailable)]
    [InlineData(429, "", "OssHttp429", (int)PsErrorCategory.LimitsExceeded)]
    [InlineData(400, "InvalidArgument", "OssInvalidArgument", (int)PsErrorCategory.InvalidOperation)]
    public void Map_ServiceErrors(int status, string code, string id, int category)
    {
        ErrorDescriptor error = ErrorMapper.Map(Service(status, code), new ErrorContext());

        Assert.Equal(id, error.ErrorId);
        Assert.Equal((PsErrorCategory)category, error.Category);
        Assert.Equal("oss://b/k", error.TargetObject);
    }

    [Fact]
    public void Map_InvalidSigningRegion_SaysTheRegionIsWrongAndNamesTheLikelyOne()
    {
        var refused = new OssServiceException(
            "PutObject failed: OSS returned HTTP 400 InvalidArgument: Invalid signing region in Authorization header. (RequestId R1, EC 0002-00000226).",
            400, "InvalidArgument", "Invalid signing region in Authorization header.", "R1", null, "0002-00000226", null, "PutObject", "b", "k");
        var failed = new UploadFailedException("put failed", refused, "b", "k", "/f", null, null, null);

        ErrorDescriptor error = ErrorMapper.Map(failed, new ErrorContext { Region = "cn-hangzou" });

        Assert.Equal("OssInvalidSigningRegion", error.ErrorId);
        Assert.Equal(PsErrorCategory.InvalidArgument, error.Category);
        Assert.StartsWith("OSS refused the signing region 'cn-hangzou': the bucket is not in that region.", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("the bucket is not in that region. put failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check -Region (or OSS_REGION / the profile's region)", error.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains("'cn-hangzhou'", error.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain("credentials", error.RecommendedAction, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Map_InvalidSigningRegion_FarFromAnyKnownRegion_GivesExamples()
    {
        var refused = new OssServiceException("m", 400, "InvalidArgument", "Invalid signing region in Authorization header.", "R1", null, "0002-00000226", null, "PutObject", "b", "k");

        ErrorDescriptor error = ErrorMapper.Map(refused, new ErrorContext { Region = "us-east-9-far" });

        Assert.Contains("e.g. cn-hangzhou", error.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_OtherInvalidArgument_KeepsTheExceptionMessage()
    {
        ErrorDescriptor error = ErrorMapper.Map(Service(400, "InvalidArgument"), new ErrorContext { Region = "cn-hangzou" });

        Assert.Equal("OssInvalidArgument", error.ErrorId);
        Assert.Equal(error.Exception.Message, error.Message);
    }

    [Fact]
    public void Map_HostNotFound_NamesTheHostAndTheSettingsToCheck()
    {
        var cause = new OssTransportException("m", new HttpRequestException("Name or service not known"), "PutObject", "b", "k", isTimeout: false, unresolvedHost: "b.oss-cn-hangzou.aliyuncs.com");

        ErrorDescriptor error = ErrorMapper.Map(cause, new ErrorContext { Region = "cn-hangzou" });

        Assert.Equal("OssHostNotFound", error.ErrorId);
        Assert.Equal(PsErrorCategory.ConnectionError, error.Category);
        Assert.Contains("'b.oss-cn-hangzou.aliyuncs.com' does not exist in DNS", error.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains("Check -Region and -Endpoint", error.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains("did you mean region 'cn-hangzhou'", error.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_SignatureDoesNotMatch_PointsAtTheSecret()
    {
        ErrorDescriptor error = ErrorMapper.Map(Service(403, "SignatureDoesNotMatch"), new ErrorContext { Region = "cn-hangzhou" });

        Assert.Contains("AccessKey secret", error.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ArgumentException_MessageWithoutTheParameterSuffixOfOurCode()
    {
        // What a V4 client without a region used to show at the prompt: "... (Parameter 'options')".
        var refused = new ArgumentException("Signature V4 needs the bucket's region.", "options");

        ErrorDescriptor error = ErrorMapper.Map(refused, new ErrorContext());

        Assert.Equal("Signature V4 needs the bucket's region.", error.Message);
        Assert.Contains("(Parameter 'options')", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_DuplicateKey_IsItsOwnErrorPointingToRelativeTo()
    {
        var duplicate = new DuplicateObjectKeyException("tree/same.txt", "/data/b/same.txt", "/data/a/same.txt");

        ErrorDescriptor error = ErrorMapper.Map(duplicate, new ErrorContext { LocalPath = "/data/b/same.txt", Bucket = "b", Key = "tree/same.txt" });

        Assert.Equal("OssDuplicateKey", error.ErrorId);
        Assert.Equal(PsErrorCategory.ResourceExists, error.Category);
        Assert.Contains("'/data/a/same.txt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("-RelativeTo", error.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_TransportFailureWithNothingToResume_RecommendsCheckingTheEndpoint()
    {
        var refused = new OssTransportException("Connection refused (127.0.0.1:1)", new HttpRequestException("refused"), "PutObject", "b", "k", isTimeout: false);

        ErrorDescriptor error = ErrorMapper.Map(refused, new ErrorContext { Endpoint = "http://127.0.0.1:1", LocalPath = "/data/f.bin" });

        Assert.Equal("OssConnectionFailed", error.ErrorId);
        Assert.Equal("Check that http://127.0.0.1:1 is reachable from this machine (address, port, proxy, firewall), then run the command again.", error.RecommendedAction);
    }

    [Fact]
    public void Map_UploadFailedWithTransportCause_TargetIsAPipeableUploadWithResumeHint()
    {
        var cause = new OssTransportException("connection reset", new HttpRequestException("reset"), "UploadPart", "b", "k", isTimeout: false);
        var failed = new UploadFailedException("upload failed", cause, "b", "k", "/data/f.bin", "UP1", "/state/f.checkpoint.json", 3);

        ErrorDescriptor error = ErrorMapper.Map(failed, new ErrorContext { Endpoint = "http://127.0.0.1:9000", Region = "cn-hangzhou" });

        Assert.Equal("OssConnectionFailed", error.ErrorId);
        Assert.Equal(PsErrorCategory.ConnectionError, error.Category);
        Assert.Same(failed, error.Exception);
        var target = Assert.IsType<OssMultipartUpload>(error.TargetObject);
        Assert.Equal(("b", "k", "UP1"), (target.Bucket, target.Key, target.UploadId));
        Assert.Equal("/data/f.bin", target.LocalPath);
        Assert.Equal("/state/f.checkpoint.json", target.CheckpointPath);
        Assert.Equal("http://127.0.0.1:9000", target.Endpoint);
        Assert.Equal("cn-hangzhou", target.Region);
        Assert.Equal("Resume-OssUpload -CheckpointPath '/state/f.checkpoint.json'", error.RecommendedAction);
    }

    [Fact]
    public void Map_UploadFailedWithTlsCause_IsSecurityErrorWithTrustAction()
    {
        var cause = new OssTlsException("untrusted", new HttpRequestException("tls", new System.Security.Authentication.AuthenticationException("UntrustedRoot")), "InitiateMultipartUpload", "b", "k", "127.0.0.1:9443");
        var failed = new UploadFailedException("upload failed", cause, "b", "k", "/data/f.bin", null, null, null);

        ErrorDescriptor error = ErrorMapper.Map(failed, new ErrorContext());

        Assert.Equal("OssTlsFailed", error.ErrorId);
        Assert.Equal(PsErrorCategory.SecurityError, error.Category);
        Assert.Contains("trusted", error.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_UploadFailedWithUnknownCause_IsOssUploadFailedWithResumeHint()
    {
        var failed = new UploadFailedException("upload failed", new InvalidOperationException("odd"), "b", "k", "/data/f.bin", "UP1", null, null);

        ErrorDescriptor error = ErrorMapper.Map(failed, new ErrorContext());

        Assert.Equal("OssUploadFailed", error.ErrorId);
        Assert.Equal(PsErrorCategory.InvalidOperation, error.Category);
        Assert.Equal("Resume-OssUpload -Bucket 'b' -Key 'k' -UploadId 'UP1' -LiteralPath '/data/f.bin'", error.RecommendedAction);
    }

    [Fact]
    public void Map_Verification_IsItsOwnId()
    {
        var failed = new UploadVerificationException("mismatch", "b", "k", "/f", "UP1", 1, 2);

        ErrorDescriptor error = ErrorMapper.Map(failed, new ErrorContext());

        Assert.Equal("OssUploadVerificationFailed", error.ErrorId);
        Assert.Equal(PsErrorCategory.InvalidResult, error.Category);
        Assert.IsType<OssMultipartUpload>(error.TargetObject);
    }

    [Fact]
    public void Map_Canceled_IsOperationStoppedWithTheResumeCommand()
    {
        var canceled = new UploadCanceledException("stopped", null, CancellationToken.None, "b", "k", "/f", "UP1", "/cp.json");

        ErrorDescriptor error = ErrorMapper.Map(canceled, new ErrorContext());

        Assert.Equal("OssUploadCanceled", error.ErrorId);
        Assert.Equal(PsErrorCategory.OperationStopped, error.Category);
        Assert.Equal("Resume-OssUpload -CheckpointPath '/cp.json'", error.RecommendedAction);
    }

    [Fact]
    public void Map_SinglePutFailure_TargetIsTheLocalPath()
    {
        var failed = new UploadFailedException("put failed", Service(500, "InternalError"), "b", "k", "/f", null, null, null);

        ErrorDescriptor error = ErrorMapper.Map(failed, new ErrorContext());

        Assert.Equal("OssInternalError", error.ErrorId);
        Assert.Equal("/f", error.TargetObject);
    }

    [Theory]
    [InlineData(OssConfigurationFailure.CredentialsNotFound, "OssCredentialsNotFound", (int)PsErrorCategory.AuthenticationError)]
    [InlineData(OssConfigurationFailure.EndpointNotFound, "OssEndpointNotFound", (int)PsErrorCategory.InvalidArgument)]
    [InlineData(OssConfigurationFailure.Invalid, "OssConfigurationInvalid", (int)PsErrorCategory.InvalidArgument)]
    public void Map_Configuration(OssConfigurationFailure failure, string id, int category)
    {
        ErrorDescriptor error = ErrorMapper.Map(new OssConfigurationException("x", failure), new ErrorContext());

        Assert.Equal((id, (PsErrorCategory)category), (error.ErrorId, error.Category));
        Assert.Null(error.TargetObject);
    }

    [Fact]
    public void Map_LocalAndPlanningAndCheckpointProblems()
    {
        Assert.Equal("OssLocalFileNotFound", ErrorMapper.Map(new FileNotFoundException("x"), new ErrorContext { LocalPath = "/f" }).ErrorId);
        Assert.Equal("OssLocalFileAccessDenied", ErrorMapper.Map(new UnauthorizedAccessException("x"), new ErrorContext()).ErrorId);
        Assert.Equal("OssLocalFileReadError", ErrorMapper.Map(new IOException("x"), new ErrorContext()).ErrorId);
        Assert.Equal("OssSourceChanged", ErrorMapper.Map(new SourceChangedException("changed"), new ErrorContext()).ErrorId);
        Assert.Equal("OssPartSizeInvalid", ErrorMapper.Map(new UploadPlanningException(UploadPlanningFailure.TooManyParts, "too many", "partSize", 200000), new ErrorContext()).ErrorId);
        Assert.Equal("OssFileTooLarge", ErrorMapper.Map(new UploadPlanningException(UploadPlanningFailure.FileTooLarge, "too big", "fileLength", null), new ErrorContext()).ErrorId);
        ErrorDescriptor locked = ErrorMapper.Map(new CheckpointException(CheckpointFailureReason.Locked, "/cp", "locked", null), new ErrorContext());
        Assert.Equal(("OssCheckpointLocked", PsErrorCategory.ResourceBusy), (locked.ErrorId, locked.Category));
        Assert.Equal("OssCheckpointInvalid", ErrorMapper.Map(new CheckpointException(CheckpointFailureReason.ChecksumMismatch, "/cp", "bad", null), new ErrorContext()).ErrorId);
        Assert.Equal("OssInvalidArgument", ErrorMapper.Map(new ArgumentException("bad"), new ErrorContext()).ErrorId);
        Assert.Equal("OssUnexpectedError", ErrorMapper.Map(new InvalidOperationException("?"), new ErrorContext()).ErrorId);
    }

    [Fact]
    public void Map_DoesNotChangeTheCallersContext()
    {
        var context = new ErrorContext { LocalPath = "/f" };

        ErrorMapper.Map(new UploadFailedException("x", null, "b", "k", "/f", "UP1", "/cp", null), context);

        Assert.Null(context.UploadId);
    }
}
