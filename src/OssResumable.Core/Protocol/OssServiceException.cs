using System;
using System.Collections.Generic;

namespace OssResumable.Core.Protocol;

/// <summary>
/// OSS answered with an error: the HTTP status plus the fields of its XML error body (for HEAD
/// requests taken from the base64 <c>x-oss-err</c> header).
/// </summary>
public sealed class OssServiceException : OssException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Full message including the request context.</param>
    /// <param name="statusCode">HTTP status code.</param>
    /// <param name="errorCode">OSS error code such as <c>NoSuchUpload</c>; empty when the body had none.</param>
    /// <param name="errorMessage">OSS error message; empty when the body had none.</param>
    /// <param name="requestId">The <c>x-oss-request-id</c> / <c>RequestId</c>, or null.</param>
    /// <param name="hostId">The <c>HostId</c> element, or null.</param>
    /// <param name="ec">The fine-grained <c>EC</c> code (<c>x-oss-ec</c>), or null.</param>
    /// <param name="details">Other elements of the error body (ArgumentName, StringToSign, ...).</param>
    /// <param name="operation">The OSS operation.</param>
    /// <param name="bucket">Bucket name, or null.</param>
    /// <param name="key">Object key, or null.</param>
    /// <param name="innerException">A parse failure of the error body, or null.</param>
    public OssServiceException(
        string message,
        int statusCode,
        string errorCode,
        string errorMessage,
        string? requestId,
        string? hostId,
        string? ec,
        IReadOnlyDictionary<string, string>? details,
        string operation,
        string? bucket,
        string? key,
        Exception? innerException = null)
        : base(message, innerException, operation, bucket, key)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode ?? string.Empty;
        ErrorMessage = errorMessage ?? string.Empty;
        RequestId = requestId;
        HostId = hostId;
        Ec = ec;
        Details = details ?? new Dictionary<string, string>();
    }

    /// <summary>HTTP status code of the response.</summary>
    public int StatusCode { get; }

    /// <summary>OSS error code, e.g. <c>NoSuchUpload</c>; empty when the response carried none.</summary>
    public string ErrorCode { get; }

    /// <summary>OSS error message; empty when the response carried none.</summary>
    public string ErrorMessage { get; }

    /// <summary>Request id to quote to Alibaba Cloud support, or null.</summary>
    public string? RequestId { get; }

    /// <summary>The <c>HostId</c> element of the error body, or null.</summary>
    public string? HostId { get; }

    /// <summary>Fine-grained error code (<c>EC</c>, e.g. <c>0042-00000214</c>), or null.</summary>
    public string? Ec { get; }

    /// <summary>Remaining elements of the error body by local name (e.g. <c>ArgumentName</c>, <c>StringToSign</c>).</summary>
    public IReadOnlyDictionary<string, string> Details { get; }

    /// <inheritdoc />
    public override bool IsRetryable =>
        RetryAfterCorrection || StatusCode >= 500 || StatusCode == 408 || StatusCode == 429 ||
        string.Equals(ErrorCode, OssErrorCodes.RequestTimeout, StringComparison.Ordinal);

    /// <summary>True when OSS says the multipart upload does not exist (<see cref="OssErrorCodes.NoSuchUpload"/>).</summary>
    public bool IsNoSuchUpload => string.Equals(ErrorCode, OssErrorCodes.NoSuchUpload, StringComparison.Ordinal);

    /// <summary>
    /// True when OSS refused the V4 signing region (the bucket is in another region): 400
    /// <see cref="OssErrorCodes.InvalidArgument"/> with EC <see cref="OssErrorCodes.EcInvalidSigningRegion"/>,
    /// or, without an EC, its message "Invalid signing region in Authorization header.".
    /// </summary>
    public bool IsInvalidSigningRegion =>
        string.Equals(ErrorCode, OssErrorCodes.InvalidArgument, StringComparison.Ordinal)
        && (string.Equals(Ec, OssErrorCodes.EcInvalidSigningRegion, StringComparison.Ordinal)
            || ErrorMessage.StartsWith("Invalid signing region", StringComparison.Ordinal));

    /// <summary>
    /// Set by the client when it has corrected the cause before retrying: a new clock offset after
    /// <c>RequestTimeTooSkewed</c>, or refreshed credentials after <c>SecurityTokenExpired</c>.
    /// </summary>
    internal bool RetryAfterCorrection { get; set; }
}
