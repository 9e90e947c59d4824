using System;

namespace OssResumable.Core.Protocol;

/// <summary>
/// Base class of every failure the OSS client reports: a service error, a transport failure or a
/// checksum mismatch. The message names the operation, bucket and key; it never contains the
/// AccessKey secret, the STS token or the Authorization header.
/// </summary>
public abstract class OssException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Human-readable description, already including the request context.</param>
    /// <param name="innerException">The underlying cause, or null.</param>
    /// <param name="operation">The OSS operation, e.g. <c>UploadPart</c>.</param>
    /// <param name="bucket">Bucket name, or null.</param>
    /// <param name="key">Object key, or null.</param>
    protected OssException(string message, Exception? innerException, string operation, string? bucket, string? key)
        : base(message, innerException)
    {
        Operation = operation;
        Bucket = bucket;
        Key = key;
    }

    /// <summary>The OSS operation that failed, e.g. <c>UploadPart</c>.</summary>
    public string Operation { get; }

    /// <summary>The bucket of the failed request, or null for service-level requests.</summary>
    public string? Bucket { get; }

    /// <summary>The object key of the failed request, or null for bucket-level requests.</summary>
    public string? Key { get; }

    /// <summary>
    /// True when the failure is transient by the protocol's rules (5xx, 408, 429, network errors,
    /// timeouts, checksum mismatches): the client retries these itself, so seeing one means its
    /// retries were exhausted and trying again later may succeed.
    /// </summary>
    public abstract bool IsRetryable { get; }
}
