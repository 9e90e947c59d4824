using System;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Errors;

namespace OssResumable.PowerShell.Configuration;

/// <summary>
/// Turns connection parameters into client options and credentials. Endpoint and region come from
/// the first of these that names either: <c>-Endpoint</c> (with <c>-Region</c>); the piped object's
/// endpoint (an upload lives at one endpoint; <c>-Region</c> may supply the signing region it lacks);
/// <c>-Region</c>; <c>OSS_ENDPOINT</c>/<c>OSS_REGION</c>; the ossutil profile. Otherwise both come from
/// one place, so an endpoint from one source and a region from another are never mixed.
/// </summary>
internal sealed class ConnectionResolver
{
    private readonly IConfigurationEnvironment _environment;
    private readonly CredentialResolver _credentials;

    /// <summary>Creates a resolver.</summary>
    /// <param name="environment">Variables and files.</param>
    public ConnectionResolver(IConfigurationEnvironment environment)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _credentials = new CredentialResolver(environment);
    }

    /// <summary>
    /// Checks what can be checked from the parameters alone: endpoint syntax, region syntax,
    /// signature version, retry count and the credential parameter combination.
    /// </summary>
    /// <param name="request">The parameters.</param>
    /// <exception cref="OssConfigurationException">A parameter is invalid.</exception>
    public static void ValidateParameters(ConnectionRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (!string.IsNullOrWhiteSpace(request.Endpoint))
        {
            ParseEndpoint(request.Endpoint!, "-Endpoint");
        }

        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            ValidateRegion(request.Region!, "-Region");
        }

        if (request.SignatureVersion != 0 && request.SignatureVersion != 1 && request.SignatureVersion != 4)
        {
            throw new OssConfigurationException("-SignatureVersion must be 1 or 4.", OssConfigurationFailure.Invalid);
        }

        if (request.PipelineSignatureVersion is int piped && piped != 1 && piped != 4)
        {
            throw new OssConfigurationException("The piped object's SignatureVersion must be 1 or 4.", OssConfigurationFailure.Invalid);
        }

        if (request.MaxRetries is int retries && (retries < 0 || retries > 100))
        {
            throw new OssConfigurationException("-MaxRetries must be between 0 and 100.", OssConfigurationFailure.Invalid);
        }

        CredentialResolver.ValidateParameters(request.Credentials);
    }

    /// <summary>Resolves endpoint, region, options and credentials.</summary>
    /// <param name="request">The parameters.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="OssConfigurationException">Something is missing or invalid; the message says what to do.</exception>
    public ResolvedConnection Resolve(ConnectionRequest request)
    {
        ValidateParameters(request);
        ResolvedCredentials credentials;
        try
        {
            credentials = _credentials.Resolve(request.Credentials);
        }
        catch (OssConfigurationException ex) when (request.PlanOnly && ex.Failure == OssConfigurationFailure.CredentialsNotFound)
        {
            // -WhatIf shows the plan without credentials; the placeholder never signs a request that is sent.
            credentials = new ResolvedCredentials(new OssCredentials("no-credentials-whatif", "no-credentials-whatif"), "no credentials (-WhatIf: nothing is sent)");
        }

        string? endpoint;
        string? region;
        string source;
        bool fromPipeline = false;
        if (!string.IsNullOrWhiteSpace(request.Endpoint))
        {
            (endpoint, region, source) = (request.Endpoint, request.Region, "from -Endpoint/-Region");
        }
        else if (!string.IsNullOrWhiteSpace(request.PipelineEndpoint))
        {
            // An upload exists at one endpoint only (a checkpoint is even refused elsewhere): the piped
            // object's endpoint wins over -Region, which then only supplies the signing region.
            (endpoint, region, source) = (request.PipelineEndpoint, string.IsNullOrWhiteSpace(request.Region) ? request.PipelineRegion : request.Region, "from the piped object");
            fromPipeline = true;
        }
        else if (HasAny(request.Endpoint, request.Region))
        {
            (endpoint, region, source) = (request.Endpoint, request.Region, "from -Endpoint/-Region");

            // -Region alone builds the region's endpoint. When the endpoint it replaces (OSS_ENDPOINT, or the
            // ossutil profile's) is an internal one, a machine inside Alibaba Cloud is configured to stay off
            // the public network: the region's internal endpoint keeps that (issue 11).
            if (IsInternal(ConfiguredEndpoint(request)))
            {
                (endpoint, source) = ("oss-" + request.Region!.Trim() + "-internal.aliyuncs.com", "from -Region, internal as the configured endpoint");
            }
        }
        else if (HasAny(request.PipelineEndpoint, request.PipelineRegion))
        {
            (endpoint, region, source) = (request.PipelineEndpoint, request.PipelineRegion, "from the piped object");
            fromPipeline = true;
        }
        else if (HasAny(_environment.GetVariable("OSS_ENDPOINT"), _environment.GetVariable("OSS_REGION")))
        {
            (endpoint, region, source) = (_environment.GetVariable("OSS_ENDPOINT"), _environment.GetVariable("OSS_REGION"), "from OSS_ENDPOINT/OSS_REGION");
        }
        else if (_credentials.FindOssutilProfile(request.Credentials.ProfileName) is ProfileSettings profile && HasAny(profile.Endpoint, profile.Region))
        {
            (endpoint, region, source) = (profile.Endpoint, profile.Region, "from the " + profile.Description);
        }
        else
        {
            throw new OssConfigurationException(
                "No OSS endpoint or region was given. Pass -Endpoint (e.g. oss-cn-hangzhou.aliyuncs.com) or -Region (e.g. cn-hangzhou), "
                    + "or set $env:OSS_ENDPOINT / $env:OSS_REGION, or an endpoint/region in ~/.ossutilconfig.",
                OssConfigurationFailure.EndpointNotFound);
        }

        // A piped object (or checkpoint) also says how its upload was signed and addressed: what the upload
        // was started with is what it is continued with, unless a parameter says otherwise.
        int signatureVersion = request.SignatureVersion != 0
            ? request.SignatureVersion
            : (fromPipeline ? request.PipelineSignatureVersion : null) ?? 4;
        bool pathStyle = request.PathStyle || (fromPipeline && request.PipelinePathStyle == true);
        var options = new OssClientOptions
        {
            Endpoint = string.IsNullOrWhiteSpace(endpoint) ? null : ParseEndpoint(endpoint!, source),
            Region = string.IsNullOrWhiteSpace(region) ? null : ValidateRegion(region!.Trim(), source),
            UsePathStyle = pathStyle ? true : null,
            SignatureVersion = signatureVersion == 1 ? OssSignatureVersion.V1 : OssSignatureVersion.V4,
        };
        if (request.MaxRetries is int retries)
        {
            options.MaxRetries = retries;
        }

        return new ResolvedConnection(options, credentials, source);
    }

    private static bool HasAny(string? a, string? b) => !string.IsNullOrWhiteSpace(a) || !string.IsNullOrWhiteSpace(b);

    private static bool IsInternal(string? endpoint) =>
        endpoint is not null && endpoint.IndexOf("-internal.aliyuncs.com", StringComparison.OrdinalIgnoreCase) >= 0;

    // The endpoint -Region replaces: the environment's, else the ossutil profile's.
    private string? ConfiguredEndpoint(ConnectionRequest request)
    {
        string? fromEnvironment = _environment.GetVariable("OSS_ENDPOINT");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        return _credentials.FindOssutilProfile(request.Credentials.ProfileName)?.Endpoint;
    }

    private static Uri ParseEndpoint(string text, string source)
    {
        try
        {
            return OssClientOptions.ParseEndpoint(text);
        }
        catch (ArgumentException ex)
        {
            throw new OssConfigurationException(ExceptionText.ForUser(ex) + " (" + source + ")", OssConfigurationFailure.Invalid, ex);
        }
    }

    private static string ValidateRegion(string region, string source)
    {
        foreach (char c in region)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            {
                throw new OssConfigurationException(
                    "The region '" + region + "' (" + source + ") is not a region id; region ids look like cn-hangzhou or ap-southeast-1.",
                    OssConfigurationFailure.Invalid);
            }
        }

        return region;
    }
}
