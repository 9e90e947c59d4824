using System;
using OssResumable.Core.Protocol;

namespace OssResumable.PowerShell.Configuration;

/// <summary>Everything needed to create a client, with descriptions for <c>-Verbose</c> (no secrets).</summary>
internal sealed class ResolvedConnection
{
    /// <summary>Creates the result.</summary>
    /// <param name="options">Client options (endpoint, region, addressing, signing, retries).</param>
    /// <param name="credentials">Credentials and their source.</param>
    /// <param name="endpointSource">Where endpoint/region came from.</param>
    public ResolvedConnection(OssClientOptions options, ResolvedCredentials credentials, string endpointSource)
    {
        Options = options;
        Credentials = credentials;
        EndpointSource = endpointSource;
    }

    /// <summary>Client options.</summary>
    public OssClientOptions Options { get; }

    /// <summary>Credentials and their source.</summary>
    public ResolvedCredentials Credentials { get; }

    /// <summary>Where endpoint and region came from.</summary>
    public string EndpointSource { get; }

    /// <summary>
    /// The endpoint as text for output objects and checkpoints, e.g. <c>https://oss-cn-hangzhou.aliyuncs.com</c>
    /// (built from the region when only a region was given, by the client's own rule).
    /// </summary>
    public string EndpointText =>
        (Options.Endpoint ?? OssClientOptions.EndpointForRegion(Options.Region!)).GetLeftPart(UriPartial.Authority);

    /// <summary>The signature version as a number (1 or 4), as output objects carry it.</summary>
    public int SignatureVersionNumber => (int)Options.SignatureVersion;

    /// <summary>True when path-style addressing was forced (an IP endpoint uses it anyway); output objects carry it.</summary>
    public bool ForcedPathStyle => Options.UsePathStyle == true;

    /// <summary>
    /// A key identifying equivalent connections (endpoint, region, addressing, signing, retries and the
    /// AccessKey ID, never the secret), so one client per connection is shared within a command.
    /// </summary>
    public string ClientKey =>
        EndpointText + "|" + Options.Region + "|" + Options.UsePathStyle + "|" + Options.SignatureVersion + "|" + Options.MaxRetries
            + "|" + Credentials.Credentials.AccessKeyId;

    /// <summary>One line for <c>-Verbose</c>.</summary>
    /// <returns>Endpoint, region, signing and the credentials' source (never a secret).</returns>
    public string Describe() =>
        "Endpoint " + EndpointText + (Options.Region is null ? string.Empty : ", region " + Options.Region)
            + " (" + EndpointSource + "), signature " + Options.SignatureVersion
            + ", AccessKey ID " + Credentials.Credentials.AccessKeyId + " from " + Credentials.Source + ".";
}
