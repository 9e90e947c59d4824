using System;
using System.Security.Authentication;

namespace OssResumable.Core.Protocol;

/// <summary>
/// The request did not get an answer: connection refused or reset, DNS failure, TLS failure, or no
/// progress within <see cref="OssClientOptions.IdleTimeout"/>. The inner exception is the cause.
/// </summary>
public sealed class OssTransportException : OssException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Full message including the request context.</param>
    /// <param name="innerException">The underlying network or timeout exception.</param>
    /// <param name="operation">The OSS operation.</param>
    /// <param name="bucket">Bucket name, or null.</param>
    /// <param name="key">Object key, or null.</param>
    /// <param name="isTimeout">True when the request made no progress within the idle timeout.</param>
    /// <param name="unresolvedHost">The host name DNS said does not exist, or null for any other failure.</param>
    public OssTransportException(string message, Exception innerException, string operation, string? bucket, string? key, bool isTimeout, string? unresolvedHost = null)
        : base(message, innerException, operation, bucket, key)
    {
        IsTimeout = isTimeout;
        UnresolvedHost = unresolvedHost;
    }

    /// <summary>True when the request made no progress within the idle timeout.</summary>
    public bool IsTimeout { get; }

    /// <summary>
    /// The host name that DNS said does not exist (a typo in the region or endpoint, usually), or null when
    /// the failure was something else. Still retried: a resolver can answer so for a moment.
    /// </summary>
    public string? UnresolvedHost { get; }

    /// <summary>
    /// True except for TLS authentication failures (a certificate problem does not go away by itself).
    /// </summary>
    public override bool IsRetryable
    {
        get
        {
            for (Exception? e = InnerException; e is not null; e = e.InnerException)
            {
                if (e is AuthenticationException)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
