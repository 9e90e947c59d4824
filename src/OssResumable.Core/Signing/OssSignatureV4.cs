using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace OssResumable.Core.Signing;

/// <summary>
/// OSS signature version 4 (<c>OSS4-HMAC-SHA256</c>): canonical request, scope, signing key.
/// </summary>
public static class OssSignatureV4
{
    /// <summary>The algorithm name, also the scheme word of the Authorization header.</summary>
    public const string Algorithm = "OSS4-HMAC-SHA256";

    /// <summary>The payload hash OSS clients send: bodies are not hashed.</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>The terminator of the V4 scope.</summary>
    public const string RequestTerminator = "aliyun_v4_request";

    /// <summary>The default product in the scope.</summary>
    public const string DefaultProduct = "oss";

    /// <summary>Format of <c>x-oss-date</c>.</summary>
    public const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>
    /// Keeps the additional header names that count: lower-cased, present on the request, not
    /// already signed by default (<c>x-oss-*</c>, <c>content-type</c>, <c>content-md5</c>), sorted, distinct.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="additionalHeaders">Caller-chosen extra header names.</param>
    /// <returns>The effective additional header names.</returns>
    public static IReadOnlyList<string> ResolveAdditionalHeaders(SigningRequest request, IEnumerable<string>? additionalHeaders)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (additionalHeaders is null)
        {
            return Array.Empty<string>();
        }

        var present = request.CanonicalHeaderMap();
        return additionalHeaders
            .Select(h => h.Trim().ToLowerInvariant())
            .Where(h => h.Length > 0 && !IsSignedByDefault(h) && present.ContainsKey(h))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(h => h, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Builds the canonical request (six lines, no trailing newline).</summary>
    /// <param name="request">The request.</param>
    /// <param name="additionalHeaders">Caller-chosen extra header names, or null.</param>
    /// <returns>The canonical request.</returns>
    public static string BuildCanonicalRequest(SigningRequest request, IEnumerable<string>? additionalHeaders = null)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        // The engine signs no additional headers: skip resolving them (a LINQ chain and a set per request).
        IReadOnlyList<string> additional = additionalHeaders is null ? Array.Empty<string>() : ResolveAdditionalHeaders(request, additionalHeaders);
        var builder = new StringBuilder(256);
        builder.Append(request.Method).Append('\n');
        builder.Append(BuildCanonicalUri(request)).Append('\n');
        builder.Append(BuildCanonicalQuery(request.Query)).Append('\n');

        HashSet<string>? additionalSet = additional.Count == 0 ? null : new HashSet<string>(additional, StringComparer.Ordinal);
        foreach (var header in request.CanonicalHeaderMap())
        {
            if (IsSignedByDefault(header.Key) || (additionalSet is not null && additionalSet.Contains(header.Key)))
            {
                builder.Append(header.Key).Append(':').Append(header.Value).Append('\n');
            }
        }

        builder.Append('\n');
        builder.Append(additional.Count == 0 ? string.Empty : string.Join(";", additional)).Append('\n');
        builder.Append(request.GetHeader("x-oss-content-sha256")?.Trim() ?? UnsignedPayload);
        return builder.ToString();
    }

    /// <summary>Builds <c>UriEncode("/" + bucket + "/" + key)</c> keeping slashes.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The canonical URI.</returns>
    public static string BuildCanonicalUri(SigningRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (request.Bucket is null)
        {
            return "/";
        }

        return OssUriEncoder.Encode("/" + request.Bucket + "/" + (request.Key ?? string.Empty), keepSlash: true);
    }

    /// <summary>
    /// Builds the canonical query: every parameter, name and value encoded (slash too), sorted by
    /// encoded name, <c>name=value</c> or bare <c>name</c> for empty values.
    /// </summary>
    /// <param name="query">Decoded query parameters.</param>
    /// <returns>The canonical query string.</returns>
    public static string BuildCanonicalQuery(IEnumerable<KeyValuePair<string, string>> query)
    {
        if (query is null)
        {
            throw new ArgumentNullException(nameof(query));
        }

        var encoded = query
            .Select(p => new KeyValuePair<string, string>(
                OssUriEncoder.Encode(p.Key, keepSlash: false),
                string.IsNullOrEmpty(p.Value) ? string.Empty : OssUriEncoder.Encode(p.Value, keepSlash: false)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join("&", encoded.Select(p => p.Value.Length == 0 ? p.Key : p.Key + "=" + p.Value));
    }

    /// <summary>Builds the scope <c>yyyyMMdd/region/product/aliyun_v4_request</c>.</summary>
    /// <param name="date">The date part (<c>yyyyMMdd</c>) of the signing time.</param>
    /// <param name="region">Region id, e.g. <c>cn-hangzhou</c>.</param>
    /// <param name="product">Product, normally <c>oss</c>.</param>
    /// <returns>The scope.</returns>
    public static string BuildScope(string date, string region, string product = DefaultProduct) =>
        date + "/" + region + "/" + product + "/" + RequestTerminator;

    /// <summary>Builds the string to sign.</summary>
    /// <param name="timestamp">The <c>x-oss-date</c> value.</param>
    /// <param name="scope">The scope.</param>
    /// <param name="canonicalRequest">The canonical request.</param>
    /// <returns>The string to sign.</returns>
    public static string BuildStringToSign(string timestamp, string scope, string canonicalRequest)
    {
        if (canonicalRequest is null)
        {
            throw new ArgumentNullException(nameof(canonicalRequest));
        }

#if NET8_0_OR_GREATER
        string hash = ToLowerHex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));
#else
        using var sha = SHA256.Create();
        string hash = ToLowerHex(sha.ComputeHash(Encoding.UTF8.GetBytes(canonicalRequest)));
#endif
        return Algorithm + "\n" + timestamp + "\n" + scope + "\n" + hash;
    }

    /// <summary>Derives the signing key from the secret, date, region and product.</summary>
    /// <param name="accessKeySecret">The AccessKey secret.</param>
    /// <param name="date">The <c>yyyyMMdd</c> date.</param>
    /// <param name="region">The region id.</param>
    /// <param name="product">The product.</param>
    /// <returns>The 32-byte signing key.</returns>
    public static byte[] DeriveSigningKey(string accessKeySecret, string date, string region, string product = DefaultProduct)
    {
        if (accessKeySecret is null)
        {
            throw new ArgumentNullException(nameof(accessKeySecret));
        }

        byte[] kDate = Hmac(Encoding.UTF8.GetBytes("aliyun_v4" + accessKeySecret), date);
        byte[] kRegion = Hmac(kDate, region);
        byte[] kProduct = Hmac(kRegion, product);
        return Hmac(kProduct, RequestTerminator);
    }

    /// <summary>Computes the lower-case hex signature.</summary>
    /// <param name="signingKey">The derived signing key.</param>
    /// <param name="stringToSign">The string to sign.</param>
    /// <returns>64 lower-case hex characters.</returns>
    public static string ComputeSignature(byte[] signingKey, string stringToSign) => ToLowerHex(Hmac(signingKey, stringToSign));

    /// <summary>Formats the Authorization header value (the Go v2 / .NET SDK form).</summary>
    /// <param name="accessKeyId">AccessKey ID.</param>
    /// <param name="scope">The scope.</param>
    /// <param name="additionalHeaders">Effective additional header names (may be empty).</param>
    /// <param name="signature">The hex signature.</param>
    /// <returns>The header value.</returns>
    public static string FormatAuthorization(string accessKeyId, string scope, IReadOnlyList<string> additionalHeaders, string signature)
    {
        var builder = new StringBuilder(Algorithm).Append(" Credential=").Append(accessKeyId).Append('/').Append(scope);
        if (additionalHeaders is { Count: > 0 })
        {
            builder.Append(",AdditionalHeaders=").Append(string.Join(";", additionalHeaders));
        }

        return builder.Append(",Signature=").Append(signature).ToString();
    }

    /// <summary>Formats a UTC time as an <c>x-oss-date</c> value.</summary>
    /// <param name="utc">The signing time.</param>
    /// <returns><c>yyyyMMddTHHmmssZ</c>.</returns>
    public static string FormatTimestamp(DateTimeOffset utc) => utc.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static bool IsSignedByDefault(string lowerName) =>
        lowerName.StartsWith("x-oss-", StringComparison.Ordinal) || lowerName == "content-type" || lowerName == "content-md5";

    private static byte[] Hmac(byte[] key, string data)
    {
#if NET8_0_OR_GREATER
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
#else
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
#endif
    }

    private static string ToLowerHex(byte[] bytes) => Text.HexFormat.ToLower(bytes);
}
