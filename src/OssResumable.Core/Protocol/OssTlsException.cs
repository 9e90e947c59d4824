using System;

namespace OssResumable.Core.Protocol;

/// <summary>
/// The TLS connection to the endpoint could not be set up: the server's certificate is not trusted
/// (a private CA or a self-signed certificate that the operating system does not trust), names
/// another host, has expired, or the handshake failed. Not retried: it does not go away by itself.
/// The client never switches certificate validation off; trust a private CA the way the operating
/// system trusts any CA (see the message). <see cref="Exception.InnerException"/> is the cause
/// (its innermost <see cref="System.Security.Authentication.AuthenticationException"/> says which check failed).
/// </summary>
public sealed class OssTlsException : OssException
{
    /// <summary>What to do, appended to every message.</summary>
    public const string TrustAdvice =
        "If the endpoint uses a private CA or a self-signed certificate (such as the OssResumable emulator's), make that certificate "
        + "trusted the way the operating system trusts a CA: on Windows import it into 'Trusted Root Certification Authorities'; on Linux "
        + "add it to the system store (for example /usr/local/share/ca-certificates and update-ca-certificates) or point SSL_CERT_FILE "
        + "or SSL_CERT_DIR at a bundle or directory that includes it before starting the process; on macOS add it to the System keychain "
        + "as trusted. If the certificate names another host or has expired, correct the endpoint or the server's certificate. "
        + "Certificate validation is never switched off.";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Full message including the request context and <see cref="TrustAdvice"/>.</param>
    /// <param name="innerException">The underlying TLS failure.</param>
    /// <param name="operation">The OSS operation.</param>
    /// <param name="bucket">Bucket name, or null.</param>
    /// <param name="key">Object key, or null.</param>
    /// <param name="host">The host and port the client connected to, e.g. <c>bucket.oss-cn-hangzhou.aliyuncs.com:443</c>.</param>
    public OssTlsException(string message, Exception innerException, string operation, string? bucket, string? key, string host)
        : base(message, innerException, operation, bucket, key)
    {
        Host = host;
    }

    /// <summary>The host and port whose TLS connection failed (as connected: virtual-hosted requests include the bucket).</summary>
    public string Host { get; }

    /// <summary>Always false: an untrusted or wrong certificate does not fix itself.</summary>
    public override bool IsRetryable => false;
}
