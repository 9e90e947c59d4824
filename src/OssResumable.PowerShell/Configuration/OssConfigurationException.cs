using System;

namespace OssResumable.PowerShell.Configuration;

/// <summary>
/// Credentials or the endpoint could not be determined: none configured anywhere, or a configuration
/// is incomplete, contradictory or unsupported (<see cref="Failure"/>). The message says which sources
/// were looked at and what to change; it never contains a secret.
/// </summary>
public sealed class OssConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OssConfigurationException()
        : this("The OSS connection is not configured.", OssConfigurationFailure.Invalid)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public OssConfigurationException(string message)
        : this(message, OssConfigurationFailure.Invalid)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause, or null.</param>
    public OssConfigurationException(string message, Exception? innerException)
        : this(message, OssConfigurationFailure.Invalid, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="failure">Why.</param>
    /// <param name="innerException">The cause (e.g. an unreadable file), or null.</param>
    public OssConfigurationException(string message, OssConfigurationFailure failure, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>Why the configuration is unusable.</summary>
    public OssConfigurationFailure Failure { get; }
}
