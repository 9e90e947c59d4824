using System;
using System.Collections.Generic;
using System.Linq;

namespace OssResumable.Core.Signing;

/// <summary>
/// The parts of an HTTP request that OSS signatures cover, in logical (decoded) form. Client and
/// emulator build the same object — the client from what it is about to send, the emulator from
/// what it received — so both canonicalise through one implementation.
/// </summary>
public sealed class SigningRequest
{
    /// <summary>Creates a signing request.</summary>
    /// <param name="method">HTTP method, any case (upper-cased for signing).</param>
    /// <param name="bucket">Bucket name, or null for service-level requests.</param>
    /// <param name="key">Raw (unencoded) object key, or null/empty for bucket-level requests.</param>
    /// <param name="query">Decoded query parameters; an empty value means "name without a value".</param>
    /// <param name="headers">Request headers (content headers included); names in any case.</param>
    public SigningRequest(
        string method,
        string? bucket,
        string? key,
        IEnumerable<KeyValuePair<string, string>>? query,
        IEnumerable<KeyValuePair<string, string>>? headers)
    {
        if (string.IsNullOrEmpty(method))
        {
            throw new ArgumentException("An HTTP method is required.", nameof(method));
        }

        Method = method.ToUpperInvariant();
        Bucket = string.IsNullOrEmpty(bucket) ? null : bucket;
        Key = string.IsNullOrEmpty(key) ? null : key;
        Query = (query ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToList();
        Headers = (headers ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToList();
    }

    /// <summary>Upper-case HTTP method.</summary>
    public string Method { get; }

    /// <summary>Bucket name, or null.</summary>
    public string? Bucket { get; }

    /// <summary>Raw object key, or null.</summary>
    public string? Key { get; }

    /// <summary>Decoded query parameters in the order they were given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    /// <summary>Request headers in the order they were given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>
    /// Returns the value of a header (case-insensitive name), repeated headers joined with ",",
    /// or null when absent.
    /// </summary>
    /// <param name="name">Header name.</param>
    /// <returns>The value or null.</returns>
    public string? GetHeader(string name)
    {
        string? result = null;
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                result = result is null ? header.Value : result + "," + header.Value;
            }
        }

        return result;
    }

    /// <summary>
    /// Returns the headers grouped by lower-case name, values trimmed and repeated values joined
    /// with ",", sorted by name (ordinal).
    /// </summary>
    /// <returns>Sorted canonical header pairs.</returns>
    internal SortedDictionary<string, string> CanonicalHeaderMap()
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in Headers)
        {
            string name = header.Key.Trim().ToLowerInvariant();
            string value = (header.Value ?? string.Empty).Trim();
            map[name] = map.TryGetValue(name, out string? existing) ? existing + "," + value : value;
        }

        return map;
    }
}
