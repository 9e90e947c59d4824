using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using OssResumable.Core.Signing;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// The resolved endpoint of a client: scheme, authority, addressing style and signing region, and
/// the one place request URIs are built.
/// </summary>
internal sealed class OssEndpoint
{
    private static readonly Regex PublicOrInternalHost = new(
        "^oss-(?<r>[a-z0-9-]+?)(-internal)?\\.aliyuncs\\.com$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex DualStackHost = new(
        "^(?<r>[a-z0-9-]+)\\.oss\\.aliyuncs\\.com$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex RegionId = new("^[a-z0-9-]+$", RegexOptions.CultureInvariant);

    private OssEndpoint(string scheme, string authority, bool pathStyle, string? region)
    {
        Scheme = scheme;
        Authority = authority;
        PathStyle = pathStyle;
        Region = region;
    }

    /// <summary><c>http</c> or <c>https</c>.</summary>
    public string Scheme { get; }

    /// <summary>Host and non-default port, e.g. <c>127.0.0.1:9000</c> or <c>oss-cn-hangzhou.aliyuncs.com</c>.</summary>
    public string Authority { get; }

    /// <summary>True for path-style addressing.</summary>
    public bool PathStyle { get; }

    /// <summary>The region for V4 signing, or null (allowed only with V1).</summary>
    public string? Region { get; }

    /// <summary>Validates the options and resolves the endpoint.</summary>
    /// <param name="options">Client options.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="ArgumentException">The options are inconsistent; the message says what to set.</exception>
    public static OssEndpoint Resolve(OssClientOptions options)
    {
        string? region = string.IsNullOrWhiteSpace(options.Region) ? null : options.Region!.Trim();
        if (region is not null && !RegionId.IsMatch(region))
        {
            throw new ArgumentException(
                "The region '" + region + "' is not a region id. Use the id as Alibaba Cloud writes it, e.g. cn-hangzhou or ap-southeast-1.",
                nameof(options));
        }

        Uri endpoint;
        if (options.Endpoint is not null)
        {
            endpoint = options.Endpoint;
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException(
                    "The endpoint '" + endpoint + "' must be an absolute http:// or https:// URL, e.g. https://oss-cn-hangzhou.aliyuncs.com.",
                    nameof(options));
            }

            if ((endpoint.AbsolutePath.Length > 0 && endpoint.AbsolutePath != "/") || endpoint.Query.Length > 0)
            {
                throw new ArgumentException(
                    "The endpoint '" + endpoint + "' has a path or query; give only scheme, host and port, e.g. http://127.0.0.1:9000.",
                    nameof(options));
            }
        }
        else if (region is not null)
        {
            endpoint = OssClientOptions.EndpointForRegion(region);
        }
        else
        {
            throw new ArgumentException(
                "No endpoint: set OssClientOptions.Region (e.g. cn-hangzhou) or OssClientOptions.Endpoint (e.g. https://oss-cn-hangzhou.aliyuncs.com).",
                nameof(options));
        }

        string host = endpoint.Host;
        bool isIpOrLocalhost = endpoint.HostNameType == UriHostNameType.IPv4 || endpoint.HostNameType == UriHostNameType.IPv6 ||
            string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);
        bool pathStyle = options.UsePathStyle ?? isIpOrLocalhost;
        if (!pathStyle && endpoint.HostNameType != UriHostNameType.Dns)
        {
            throw new ArgumentException(
                "Virtual-hosted addressing needs a DNS host name, but the endpoint '" + endpoint + "' is an IP address. Set UsePathStyle = true or leave it null.",
                nameof(options));
        }

        string? signingRegion = region ?? RegionFromHost(host);
        if (options.SignatureVersion == OssSignatureVersion.V4 && signingRegion is null)
        {
            throw new ArgumentException(
                "Signature V4 needs the bucket's region, and the endpoint '" + endpoint.Authority + "' does not name one. " +
                "Give the region (for example cn-hangzhou), or sign with signature version 1.",
                nameof(options));
        }

        if (options.SignatureVersion != OssSignatureVersion.V1 && options.SignatureVersion != OssSignatureVersion.V4)
        {
            throw new ArgumentException("SignatureVersion must be V1 or V4.", nameof(options));
        }

        return new OssEndpoint(endpoint.Scheme, endpoint.Authority, pathStyle, signingRegion);
    }

    /// <summary>
    /// Derives the region from an Alibaba Cloud endpoint host (protocol doc §8.3), or null for
    /// acceleration endpoints, custom domains, IP addresses and localhost.
    /// </summary>
    /// <param name="host">Endpoint host.</param>
    /// <returns>The region id, or null.</returns>
    public static string? RegionFromHost(string host)
    {
        var match = PublicOrInternalHost.Match(host);
        if (match.Success)
        {
            string region = match.Groups["r"].Value.ToLowerInvariant();
            return region.StartsWith("accelerate", StringComparison.Ordinal) ? null : region;
        }

        match = DualStackHost.Match(host);
        return match.Success ? match.Groups["r"].Value.ToLowerInvariant() : null;
    }

    /// <summary>
    /// Encodes a key for the request path. Every byte outside <c>A-Z a-z 0-9 - _ . ~ /</c> is
    /// percent-encoded. When the key has a <c>.</c> or <c>..</c> segment, <c>/</c> is sent as <c>%2F</c>
    /// too (OSS decodes the path once, so the key is unchanged) — otherwise System.Uri and proxies
    /// would resolve the dot segments and address a different object.
    /// </summary>
    /// <param name="key">Raw key.</param>
    /// <returns>The encoded path part.</returns>
    public static string EncodeKeyForPath(string key)
    {
        bool hasDotSegment = false;
        foreach (string segment in key.Split('/'))
        {
            if (segment == "." || segment == "..")
            {
                hasDotSegment = true;
                break;
            }
        }

        if (!hasDotSegment)
        {
            return OssUriEncoder.Encode(key, keepSlash: true);
        }

        string encoded = OssUriEncoder.Encode(key, keepSlash: false);
        return encoded == "." || encoded == ".." ? encoded.Replace(".", "%2E") : encoded;
    }

    /// <summary>Renders decoded query parameters in wire form (<c>name</c> or <c>name=value</c>, strictly encoded).</summary>
    /// <param name="query">Decoded parameters.</param>
    /// <returns>The query string without <c>?</c>.</returns>
    public static string FormatQuery(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var builder = new StringBuilder();
        foreach (var pair in query)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(OssUriEncoder.Encode(pair.Key, keepSlash: false));
            if (!string.IsNullOrEmpty(pair.Value))
            {
                builder.Append('=').Append(OssUriEncoder.Encode(pair.Value, keepSlash: false));
            }
        }

        return builder.ToString();
    }

    /// <summary>Builds the request URI for a bucket or object request.</summary>
    /// <param name="bucket">Bucket, or null for a service request.</param>
    /// <param name="key">Key, or null for a bucket request.</param>
    /// <param name="query">Decoded query parameters.</param>
    /// <returns>The URI, guaranteed to carry the path exactly as encoded.</returns>
    /// <exception cref="ArgumentException">This runtime's System.Uri would rewrite the path (only possible on .NET Framework for keys that are exactly "." or "..").</exception>
    public Uri BuildUri(string? bucket, string? key, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        string authority = Authority;
        string path = "/";
        if (bucket is not null)
        {
            if (PathStyle)
            {
                path = "/" + bucket + "/";
            }
            else
            {
                authority = bucket + "." + Authority;
            }

            if (!string.IsNullOrEmpty(key))
            {
                path += EncodeKeyForPath(key!);
            }
        }

        string queryText = FormatQuery(query);
        string text = Scheme + "://" + authority + path + (queryText.Length > 0 ? "?" + queryText : string.Empty);
#if NET8_0_OR_GREATER
        var uri = new Uri(text, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
#else
        var uri = new Uri(text);
#endif
        if (!string.Equals(uri.AbsolutePath, path, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "The object key '" + key + "' cannot be sent unchanged: this .NET runtime rewrites the request path '" + path + "' to '" + uri.AbsolutePath + "'. Rename the object.",
                nameof(key));
        }

        return uri;
    }
}
