using System.Globalization;

namespace OssResumable.Core.Protocol;

/// <summary>
/// The CRC-64 OSS reported (<c>x-oss-hash-crc64ecma</c>) differs from the CRC-64 of the bytes this
/// client sent or received: the data was corrupted on the way. Retryable.
/// </summary>
public sealed class OssChecksumMismatchException : OssException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The OSS operation.</param>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    /// <param name="partNumber">Part number for UploadPart, otherwise null.</param>
    /// <param name="localCrc64">CRC-64 of the bytes this client sent or received.</param>
    /// <param name="serverCrc64">CRC-64 OSS reported.</param>
    /// <param name="requestId">The request id of the response, or null.</param>
    public OssChecksumMismatchException(string operation, string bucket, string key, int? partNumber, ulong localCrc64, ulong serverCrc64, string? requestId)
        : base(BuildMessage(operation, bucket, key, partNumber, localCrc64, serverCrc64, requestId), null, operation, bucket, key)
    {
        PartNumber = partNumber;
        LocalCrc64 = localCrc64;
        ServerCrc64 = serverCrc64;
        RequestId = requestId;
    }

    /// <summary>Part number for UploadPart, otherwise null.</summary>
    public int? PartNumber { get; }

    /// <summary>CRC-64 of the bytes this client sent or received.</summary>
    public ulong LocalCrc64 { get; }

    /// <summary>CRC-64 OSS reported.</summary>
    public ulong ServerCrc64 { get; }

    /// <summary>The request id of the response, or null.</summary>
    public string? RequestId { get; }

    /// <inheritdoc />
    public override bool IsRetryable => true;

    private static string BuildMessage(string operation, string bucket, string key, int? partNumber, ulong local, ulong server, string? requestId)
    {
        string part = partNumber is null ? string.Empty : ", part " + partNumber.Value.ToString(CultureInfo.InvariantCulture);
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} failed: CRC-64 mismatch for bucket '{1}', key '{2}'{3}: the data has CRC-64 {4} but OSS reported {5} (RequestId {6}). The bytes were corrupted in transit.",
            operation,
            bucket,
            key,
            part,
            local,
            server,
            requestId ?? "unknown");
    }
}
