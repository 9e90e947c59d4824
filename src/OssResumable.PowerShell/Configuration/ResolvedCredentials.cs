using OssResumable.Core.Protocol;

namespace OssResumable.PowerShell.Configuration;

/// <summary>Credentials and a description of where they were found (for <c>-Verbose</c>; never the secret).</summary>
internal sealed class ResolvedCredentials
{
    /// <summary>Creates the result.</summary>
    /// <param name="credentials">The credentials.</param>
    /// <param name="source">Where they came from, e.g. "environment variables OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET".</param>
    public ResolvedCredentials(OssCredentials credentials, string source)
    {
        Credentials = credentials;
        Source = source;
    }

    /// <summary>The credentials.</summary>
    public OssCredentials Credentials { get; }

    /// <summary>Where they came from; contains no secret.</summary>
    public string Source { get; }
}
