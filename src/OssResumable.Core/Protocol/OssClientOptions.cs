using System;
using System.Net;

namespace OssResumable.Core.Protocol;

/// <summary>
/// Configuration of an <see cref="OssClient"/>. The client copies the values when it is created;
/// later changes to this object do not affect it.
/// </summary>
public sealed class OssClientOptions
{
    /// <summary>Default <see cref="MaxRetries"/>.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>Default <see cref="MaxConnectionsPerServer"/>.</summary>
    public const int DefaultMaxConnectionsPerServer = 256;

    /// <summary>
    /// The endpoint, e.g. <c>https://oss-cn-hangzhou.aliyuncs.com</c> or <c>http://127.0.0.1:9000</c>.
    /// Only scheme, host and port are used (no path, no query). When null, the public endpoint of
    /// <see cref="Region"/> over HTTPS is used. Use <see cref="ParseEndpoint"/> for text without a scheme.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Region id such as <c>cn-hangzhou</c>. Builds the endpoint when <see cref="Endpoint"/> is null,
    /// and is the region signature V4 signs for. When null it is derived from an
    /// <c>oss-&lt;region&gt;[-internal].aliyuncs.com</c> or <c>&lt;region&gt;.oss.aliyuncs.com</c> endpoint;
    /// other endpoints (IP addresses, custom domains, acceleration) need it set for V4.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// Addressing style: true = path-style (<c>host/bucket/key</c>), false = virtual-hosted
    /// (<c>bucket.host/key</c>), null (default) = path-style for IP-address and <c>localhost</c>
    /// endpoints, virtual-hosted otherwise.
    /// </summary>
    public bool? UsePathStyle { get; set; }

    /// <summary>Signature version; V4 by default.</summary>
    public OssSignatureVersion SignatureVersion { get; set; } = OssSignatureVersion.V4;

    /// <summary>
    /// Retries after the first attempt for transient failures (5xx, 408, 429, network errors, idle
    /// timeouts, CRC mismatches, clock skew). 0 disables retrying. Default 3.
    /// </summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>Median delay before the first retry; later retries back off exponentially with jitter. Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of a single retry delay. Default 20 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Concurrent connections to one host, set on this client's own HTTP handler (never process-wide).
    /// Must be at least the number of parallel part uploads. Default 256 (the ceiling of <c>-Threads Auto</c>; connections are opened only as requests need them).
    /// </summary>
    public int MaxConnectionsPerServer { get; set; } = DefaultMaxConnectionsPerServer;

    /// <summary>
    /// How long one attempt may make no progress — no body bytes handed to the network, no response
    /// headers or body bytes received — before it is abandoned as timed out (and retried). This is
    /// not a limit on the total duration, so a multi-gigabyte part on a slow link is fine as long as
    /// bytes keep moving. It does bound the wait for the response after the last body byte: that
    /// wait includes the operating system sending what it still buffers (a few MB) and the server's
    /// processing (e.g. a Complete of many parts), so keep it well above buffer size / bandwidth.
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it. Default 2 minutes.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The User-Agent header. Default <c>OssResumable/&lt;version&gt;</c>.</summary>
    public string UserAgent { get; set; } = DefaultUserAgent();

    /// <summary>HTTP proxy; null uses the system proxy settings.</summary>
    public IWebProxy? Proxy { get; set; }

    /// <summary>
    /// Called before each retry (from the thread that ran the failed attempt), e.g. to log it. Must
    /// be thread-safe and quick; exceptions it throws are ignored.
    /// </summary>
    public Action<OssRetryNotice>? RetryObserver { get; set; }

    /// <summary>The public endpoint of a region: <c>https://oss-REGION.aliyuncs.com</c>, used when only a region is given.</summary>
    /// <param name="region">Region id, e.g. <c>cn-hangzhou</c>.</param>
    /// <returns>The endpoint URI.</returns>
    public static Uri EndpointForRegion(string region) => new("https://oss-" + region + ".aliyuncs.com");

    /// <summary>
    /// Parses endpoint text as users write it: <c>oss-cn-hangzhou.aliyuncs.com</c> (HTTPS is assumed),
    /// <c>https://...</c> or <c>http://127.0.0.1:9000</c>.
    /// </summary>
    /// <param name="endpoint">Endpoint text.</param>
    /// <returns>The absolute endpoint URI.</returns>
    /// <exception cref="ArgumentException">The text is not a host name or http(s) URL.</exception>
    public static Uri ParseEndpoint(string endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new ArgumentException("The endpoint is empty. Give a host such as oss-cn-hangzhou.aliyuncs.com or a URL such as http://127.0.0.1:9000.", nameof(endpoint));
        }

        string text = endpoint.Trim();
        if (text.IndexOf("://", StringComparison.Ordinal) < 0)
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException(
                "The endpoint '" + endpoint + "' is not valid. Give a host such as oss-cn-hangzhou.aliyuncs.com or an http(s) URL such as http://127.0.0.1:9000.",
                nameof(endpoint));
        }

        return uri;
    }

    private static string DefaultUserAgent()
    {
        var version = typeof(OssClientOptions).Assembly.GetName().Version;
        return "OssResumable/" + (version is null ? "0" : version.ToString(3));
    }
}
