using System;
using System.Net.Http;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Protocol;

/// <summary>
/// The OSS client over HTTP: signs requests (V4 by default, V1 on request), retries transient
/// failures with exponential backoff and jitter, verifies CRC-64 of uploads, and keeps one HTTP
/// handler (connection pool) per instance. Thread-safe; create one per endpoint and share it.
/// </summary>
/// <remarks>
/// Timeouts: each attempt is abandoned after <see cref="OssClientOptions.IdleTimeout"/> without
/// progress (no body bytes written or response data received) — never because the whole transfer
/// is long. Content-MD5 is not sent for parts and objects (it would need a second pass over the
/// file before sending); the CRC-64 computed while streaming and compared with OSS's
/// <c>x-oss-hash-crc64ecma</c> covers the same corruption. The small Complete body does carry Content-MD5.
/// </remarks>
public sealed partial class OssClient : IOssClient, IDisposable
{
    private readonly OssRequestExecutor _executor;
    private readonly OssSignatureVersion _signatureVersion;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Endpoint, signing and retry settings (copied).</param>
    /// <param name="credentialsProvider">Supplies credentials for each attempt.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message says what to change.</exception>
    public OssClient(OssClientOptions options, IOssCredentialsProvider credentialsProvider)
        : this(options, credentialsProvider, handler: null, localUtcNow: null)
    {
    }

    /// <summary>Creates a client with fixed credentials.</summary>
    /// <param name="options">Endpoint, signing and retry settings (copied).</param>
    /// <param name="credentials">The credentials.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message says what to change.</exception>
    public OssClient(OssClientOptions options, OssCredentials credentials)
        : this(options, new StaticOssCredentialsProvider(credentials ?? throw new ArgumentNullException(nameof(credentials))))
    {
    }

    /// <summary>Test seam: a custom transport and local clock.</summary>
    internal OssClient(OssClientOptions options, IOssCredentialsProvider credentialsProvider, HttpMessageHandler? handler, Func<DateTimeOffset>? localUtcNow)
    {
        _executor = new OssRequestExecutor(options, credentialsProvider, handler, new ServerClock(localUtcNow));
        _signatureVersion = options.SignatureVersion;
    }

    /// <summary>The offset added to the local clock when signing, learnt from <c>RequestTimeTooSkewed</c> errors.</summary>
    public TimeSpan ClockOffset => _executor.Clock.Offset;

    /// <inheritdoc />
    /// <remarks>Without the bucket of virtual-hosted addressing; e.g. <c>http://127.0.0.1:9000</c> for the emulator.</remarks>
    public Uri Endpoint => new(_executor.Endpoint.Scheme + "://" + _executor.Endpoint.Authority);

    /// <inheritdoc />
    public string? SigningRegion => _executor.Endpoint.Region;

    /// <inheritdoc />
    public bool UsesPathStyle => _executor.Endpoint.PathStyle;

    /// <inheritdoc />
    public OssSignatureVersion SignatureVersion => _signatureVersion;

    /// <summary>Releases the connection pool.</summary>
    public void Dispose() => _executor.Dispose();

    private static void ValidateObject(string bucket, string key)
    {
        OssNames.ValidateBucket(bucket);
        OssNames.ValidateKey(key);
    }

    private static void ValidateUploadId(string uploadId)
    {
        if (string.IsNullOrWhiteSpace(uploadId))
        {
            throw new ArgumentException("The upload id is empty.", nameof(uploadId));
        }
    }
}
