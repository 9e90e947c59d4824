namespace OssResumable.Core.Protocol;

/// <summary>
/// The OSS error codes (<see cref="OssServiceException.ErrorCode"/>) this library acts on, in one place,
/// so that the client, the upload engine and its hosts never spell one differently.
/// </summary>
public static class OssErrorCodes
{
    /// <summary>The multipart upload does not exist (completed, aborted, or removed by a lifecycle rule).</summary>
    public const string NoSuchUpload = "NoSuchUpload";

    /// <summary>The bucket does not exist (or not in this region).</summary>
    public const string NoSuchBucket = "NoSuchBucket";

    /// <summary>The object exists and the write forbade overwriting it.</summary>
    public const string FileAlreadyExists = "FileAlreadyExists";

    /// <summary>The AccessKey ID is unknown.</summary>
    public const string InvalidAccessKeyId = "InvalidAccessKeyId";

    /// <summary>The signature does not match (usually a wrong AccessKey secret).</summary>
    public const string SignatureDoesNotMatch = "SignatureDoesNotMatch";

    /// <summary>The STS token has expired.</summary>
    public const string SecurityTokenExpired = "SecurityTokenExpired";

    /// <summary>The STS token is invalid.</summary>
    public const string InvalidSecurityToken = "InvalidSecurityToken";

    /// <summary>The local clock differs from the server's by more than 15 minutes.</summary>
    public const string RequestTimeTooSkewed = "RequestTimeTooSkewed";

    /// <summary>A request argument was refused; with EC <see cref="EcInvalidSigningRegion"/> it is the V4 signing region.</summary>
    public const string InvalidArgument = "InvalidArgument";

    /// <summary>
    /// The <c>EC</c> of <see cref="InvalidArgument"/> "Invalid signing region in Authorization header.": the V4
    /// scope names a region other than the bucket's.
    /// </summary>
    public const string EcInvalidSigningRegion = "0002-00000226";

    /// <summary>The server timed out reading the request (transient).</summary>
    public const string RequestTimeout = "RequestTimeout";
}
