using System;
using System.Collections.Generic;
using OssResumable.Core.Signing;

namespace OssResumable.Emulator.Http;

/// <summary>
/// The raw request target split into path and query, decoded by us rather than by Kestrel: Kestrel
/// normalises dot segments and leaves <c>%2F</c> half-decoded, which would change object keys.
/// Query parameters keep their order, duplicates and the difference between "no value" and "empty".
/// </summary>
internal sealed class RequestTarget
{
    private RequestTarget(string rawPath, string rawQuery, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        RawPath = rawPath;
        RawQuery = rawQuery;
        Query = query;
    }

    /// <summary>The still-encoded path, starting with <c>/</c>.</summary>
    public string RawPath { get; }

    /// <summary>The still-encoded query without the <c>?</c>.</summary>
    public string RawQuery { get; }

    /// <summary>Decoded query parameters in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    /// <exception cref="ErrorResponseException">InvalidURI for a malformed target or query.</exception>
    public static RequestTarget Parse(string rawTarget)
    {
        string target = rawTarget;
        int scheme = target.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && !target.StartsWith('/'))
        {
            // Absolute form (proxies): drop scheme and authority.
            int slash = target.IndexOf('/', scheme + 3);
            target = slash < 0 ? "/" : target[slash..];
        }

        if (!target.StartsWith('/'))
        {
            throw OssErrors.InvalidUri("The request target must start with '/'.");
        }

        int question = target.IndexOf('?', StringComparison.Ordinal);
        string rawPath = question < 0 ? target : target[..question];
        string rawQuery = question < 0 ? string.Empty : target[(question + 1)..];
        return new RequestTarget(rawPath, rawQuery, ParseQuery(rawQuery));
    }

    /// <summary>
    /// Percent-decodes a query component. <c>+</c> means space here (form encoding, used by Go's
    /// <c>url.Values</c>); SDKs always send a literal plus as <c>%2B</c>.
    /// </summary>
    public static string DecodeQueryComponent(string raw)
    {
        try
        {
            return OssUriEncoder.Decode(raw.Replace('+', ' '));
        }
        catch (FormatException ex)
        {
            throw new ErrorResponseException(400, "InvalidURI", "The query string is not valid percent-encoded UTF-8.", "0099-00000006", ex);
        }
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string rawQuery)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (rawQuery.Length == 0)
        {
            return pairs;
        }

        foreach (string piece in rawQuery.Split('&'))
        {
            if (piece.Length == 0)
            {
                continue;
            }

            int eq = piece.IndexOf('=', StringComparison.Ordinal);
            string name = DecodeQueryComponent(eq < 0 ? piece : piece[..eq]);
            string value = eq < 0 ? string.Empty : DecodeQueryComponent(piece[(eq + 1)..]);
            if (name.Length > 0)
            {
                pairs.Add(new KeyValuePair<string, string>(name, value));
            }
        }

        return pairs;
    }
}
