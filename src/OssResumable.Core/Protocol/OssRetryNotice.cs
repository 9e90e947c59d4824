using System;

namespace OssResumable.Core.Protocol;

/// <summary>Describes a retry the client is about to make (see <see cref="OssClientOptions.RetryObserver"/>).</summary>
public sealed class OssRetryNotice
{
    /// <summary>Creates the notice.</summary>
    /// <param name="operation">The OSS operation.</param>
    /// <param name="bucket">Bucket name, or null.</param>
    /// <param name="key">Object key, or null.</param>
    /// <param name="attemptNumber">Number of the attempt that failed (1 = the first attempt).</param>
    /// <param name="delay">Pause before the next attempt.</param>
    /// <param name="exception">Why the attempt failed.</param>
    public OssRetryNotice(string operation, string? bucket, string? key, int attemptNumber, TimeSpan delay, OssException exception)
    {
        Operation = operation;
        Bucket = bucket;
        Key = key;
        AttemptNumber = attemptNumber;
        Delay = delay;
        Exception = exception;
    }

    /// <summary>The OSS operation.</summary>
    public string Operation { get; }

    /// <summary>Bucket name, or null.</summary>
    public string? Bucket { get; }

    /// <summary>Object key, or null.</summary>
    public string? Key { get; }

    /// <summary>Number of the attempt that failed (1 = the first attempt).</summary>
    public int AttemptNumber { get; }

    /// <summary>Pause before the next attempt.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Why the attempt failed (its message contains no secrets).</summary>
    public OssException Exception { get; }
}
