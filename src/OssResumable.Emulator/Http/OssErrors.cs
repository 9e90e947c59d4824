using System;
using System.Globalization;

namespace OssResumable.Emulator.Http;

/// <summary>
/// The OSS errors the emulator produces, with real OSS messages where known. EC values marked
/// "placeholder" are emulator inventions in the 0099- range (clients must not build logic on EC).
/// </summary>
internal static class OssErrors
{
    // Documented or observed EC values.
    private const string EcSignature = "0002-00000040";
    private const string EcRequestExpired = "0002-00000069";
    private const string EcPresignSkew = "0002-00000235";
    private const string EcNoSuchKey = "0026-00000001";
    private const string EcNoSuchBucket = "0015-00000101";
    private const string EcInvalidPartOrder = "0042-00000209";
    private const string EcEntityTooSmall = "0042-00000213";
    private const string EcFileAlreadyExists = "0042-00000214";
    private const string EcInvalidPartNumber = "0017-00000220";
    private const string EcAccessDenied = "0003-00000001";
    private const string EcInvalidSigningRegion = "0002-00000226";
    private const string EcInvalidSigningProduct = "0002-00000227";

    public static ErrorResponseException AccessDenied(string message) => new(403, "AccessDenied", message, EcAccessDenied);

    public static ErrorResponseException RequestExpired(DateTimeOffset expires, DateTimeOffset now) =>
        new(403, "AccessDenied", "Request has expired.", EcRequestExpired, ("Expires", Iso(expires)), ("ServerTime", Iso(now)));

    public static ErrorResponseException InvalidAccessKeyId(string accessKeyId) =>
        new(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.", "0099-00000001", ("OSSAccessKeyId", accessKeyId));

    public static ErrorResponseException SignatureDoesNotMatch(string accessKeyId, string provided, string stringToSign, string? canonicalRequest)
    {
        var extras = new System.Collections.Generic.List<(string, string)>
        {
            ("OSSAccessKeyId", accessKeyId),
            ("SignatureProvided", provided),
            ("StringToSign", stringToSign),
            ("StringToSignBytes", HexBytes(stringToSign)),
        };
        if (canonicalRequest is not null)
        {
            extras.Add(("CanonicalRequest", canonicalRequest));
        }

        return new ErrorResponseException(
            403,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
            EcSignature,
            extras.ToArray());
    }

    public static ErrorResponseException SignatureDoesNotMatch(string message) => new(403, "SignatureDoesNotMatch", message, EcSignature);

    // What OSS answers when a V4 scope names another region or product (seen in the issue threads of
    // aliyun/alibabacloud-oss-go-sdk-v2 and -python-sdk-v2): a 400 before any signature is computed.
    public static ErrorResponseException InvalidSigningRegion() =>
        new(400, "InvalidArgument", "Invalid signing region in Authorization header.", EcInvalidSigningRegion);

    public static ErrorResponseException InvalidSigningProduct() =>
        new(400, "InvalidArgument", "Invalid signing product in Authorization header.", EcInvalidSigningProduct);

    public static ErrorResponseException RequestTimeTooSkewed(DateTimeOffset requestTime, DateTimeOffset now, bool presigned) => new(
        403,
        "RequestTimeTooSkewed",
        "The difference between the request time and the current time is too large.",
        presigned ? EcPresignSkew : "0002-00000073",
        ("RequestTime", Iso(requestTime)),
        ("ServerTime", Iso(now)),
        ("MaxAllowedSkewMilliseconds", "900000"));

    public static ErrorResponseException InvalidSecurityToken(string message) => new(403, "InvalidSecurityToken", message, "0099-00000002");

    public static ErrorResponseException SecurityTokenExpired(DateTimeOffset expired, DateTimeOffset now) => new(
        403,
        "SecurityTokenExpired",
        "The security token you provided has expired.",
        "0099-00000003",
        ("Expiration", Iso(expired)),
        ("ServerTime", Iso(now)));

    public static ErrorResponseException AccessKeyIdAndSecurityTokenNotMatch(string accessKeyId) => new(
        403,
        "AccessKeyIdAndSecurityTokenNotMatch",
        "The AccessKeyId and the security token you provided do not match.",
        "0099-00000004",
        ("OSSAccessKeyId", accessKeyId));

    public static ErrorResponseException InvalidArgument(string message, string argumentName, string argumentValue) =>
        new(400, "InvalidArgument", message, "0099-00000005", ("ArgumentName", argumentName), ("ArgumentValue", argumentValue));

    public static ErrorResponseException InvalidPartNumber(string value) => new(
        400,
        "InvalidArgument",
        "Part number must be an integer between 1 and 10000, inclusive.",
        EcInvalidPartNumber,
        ("ArgumentName", "PartNumber"),
        ("ArgumentValue", value));

    public static ErrorResponseException InvalidUri(string message) => new(400, "InvalidURI", message, "0099-00000006");

    public static ErrorResponseException NoSuchBucket(string bucket) =>
        new(404, "NoSuchBucket", "The specified bucket does not exist.", EcNoSuchBucket, ("BucketName", bucket));

    public static ErrorResponseException InvalidBucketName(string bucket) =>
        new(400, "InvalidBucketName", "The specified bucket is not valid.", "0099-00000007", ("BucketName", bucket));

    public static ErrorResponseException BucketAlreadyExists(string bucket, string message) =>
        new(409, "BucketAlreadyExists", message, "0099-00000008", ("BucketName", bucket));

    public static ErrorResponseException BucketNotEmpty(string bucket) =>
        new(409, "BucketNotEmpty", "The bucket you tried to delete is not empty.", "0099-00000009", ("BucketName", bucket));

    public static ErrorResponseException NoSuchKey(string key) => new(404, "NoSuchKey", "The specified key does not exist.", EcNoSuchKey, ("Key", key));

    public static ErrorResponseException InvalidObjectName(string message) => new(400, "InvalidObjectName", message, "0099-00000010");

    public static ErrorResponseException NoSuchUpload(string uploadId) => new(
        404,
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
        "0099-00000011",
        ("UploadId", uploadId));

    public static ErrorResponseException InvalidPart(string uploadId, int partNumber, string eTag) => new(
        400,
        "InvalidPart",
        "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
        "0099-00000012",
        ("UploadId", uploadId),
        ("PartNumber", partNumber.ToString(CultureInfo.InvariantCulture)),
        ("ETag", eTag));

    public static ErrorResponseException NoParts(string uploadId) => new(
        400,
        "InvalidPart",
        "The upload has no parts to complete.",
        "0099-00000012",
        ("UploadId", uploadId));

    public static ErrorResponseException InvalidPartOrder(string uploadId) => new(
        400,
        "InvalidPartOrder",
        "The list of parts was not in ascending order. Parts list must specified in order by part number.",
        EcInvalidPartOrder,
        ("UploadId", uploadId));

    public static ErrorResponseException EntityTooSmall(int partNumber, long size) => new(
        400,
        "EntityTooSmall",
        "Your proposed upload is smaller than the minimum allowed size.",
        EcEntityTooSmall,
        ("PartNumber", partNumber.ToString(CultureInfo.InvariantCulture)),
        ("ProposedSize", size.ToString(CultureInfo.InvariantCulture)),
        ("MinSizeAllowed", "102400"));

    /// <summary>
    /// A body over the limit. Declared too large: refused before reading. Found while reading
    /// (<paramref name="whileReading"/>; a chunked body declares no length): ProposedSize is what
    /// arrived so far, and the connection closes after the answer so the client stops sending instead
    /// of the server draining gigabytes.
    /// </summary>
    public static ErrorResponseException EntityTooLarge(long size, long max, bool whileReading = false) => new(
        400,
        "EntityTooLarge",
        "Your proposed upload exceeds the maximum allowed size.",
        "0099-00000013",
        ("ProposedSize", size.ToString(CultureInfo.InvariantCulture)),
        ("MaxSizeAllowed", max.ToString(CultureInfo.InvariantCulture)))
    {
        Headers = whileReading ? new[] { ("Connection", "close") } : Array.Empty<(string, string)>(),
    };

    public static ErrorResponseException MalformedXml(string detail) => new(
        400,
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema. " + detail,
        "0099-00000014");

    public static ErrorResponseException MissingContentLength() =>
        new(411, "MissingContentLength", "You must provide the Content-Length HTTP header.", "0099-00000015");

    public static ErrorResponseException InvalidDigest(string message, string provided, string? computed)
    {
        return computed is null
            ? new ErrorResponseException(400, "InvalidDigest", message, "0099-00000016", ("ContentMD5", provided))
            : new ErrorResponseException(400, "InvalidDigest", message, "0099-00000016", ("ContentMD5", provided), ("CalculatedContentMD5", computed));
    }

    public static ErrorResponseException FileAlreadyExists(string key) => new(
        409,
        "FileAlreadyExists",
        "The object you specified already exists and can not be overwritten.",
        EcFileAlreadyExists,
        ("Key", key));

    public static ErrorResponseException InvalidRange(long size) => new(
        416,
        "InvalidRange",
        "The requested range cannot be satisfied.",
        "0099-00000017",
        ("ActualObjectSize", size.ToString(CultureInfo.InvariantCulture)))
    {
        Headers = new[] { ("Content-Range", "bytes */" + size.ToString(CultureInfo.InvariantCulture)) },
    };

    public static ErrorResponseException PreconditionFailed(string condition) => new(
        412,
        "PreconditionFailed",
        "At least one of the pre-conditions you specified did not hold.",
        "0099-00000018",
        ("Condition", condition));

    public static ErrorResponseException NoSuchVersion(string versionId) =>
        new(404, "NoSuchVersion", "The specified version does not exist.", "0099-00000019", ("VersionId", versionId));

    public static ErrorResponseException NotImplemented(string what) =>
        new(501, "NotImplemented", "The OSS emulator does not implement " + what + ".", "0099-00000020");

    public static ErrorResponseException MethodNotAllowed(string method) =>
        new(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", "0099-00000021", ("Method", method));

    public static ErrorResponseException InternalError() =>
        new(500, "InternalError", "We encountered an internal error. Please try again.", "0099-00000022");

    /// <summary>ISO 8601 UTC with the <c>.000Z</c> milliseconds OSS uses.</summary>
    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", CultureInfo.InvariantCulture);

    // Like OSS: the string to sign as space-separated upper-case hex bytes.
    private static string HexBytes(string text)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var builder = new System.Text.StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            builder.Append(b.ToString("X2", CultureInfo.InvariantCulture)).Append(' ');
        }

        return builder.ToString();
    }
}
