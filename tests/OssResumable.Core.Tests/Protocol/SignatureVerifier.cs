using System;
using System.Collections.Generic;
using System.Linq;
using OssResumable.Core.Signing;

namespace OssResumable.Core.Tests.Protocol;

/// <summary>
/// Recomputes a request's signature the way a server does — from the decoded path and query of the
/// URI it received and the headers it received — and reports whether it matches.
/// </summary>
internal static class SignatureVerifier
{
    public static (string? Bucket, string? Key) ParsePathStyle(Uri uri)
    {
        string path = uri.AbsolutePath; // raw: the client disables canonicalisation
        string[] parts = path.Substring(1).Split('/', 2);
        string? bucket = parts[0].Length == 0 ? null : parts[0];
        string? key = parts.Length > 1 && parts[1].Length > 0 ? OssUriEncoder.Decode(parts[1]) : null;
        return (bucket, key);
    }

    public static List<KeyValuePair<string, string>> ParseQuery(Uri uri)
    {
        var result = new List<KeyValuePair<string, string>>();
        string query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return result;
        }

        foreach (string pair in query.Split('&'))
        {
            int eq = pair.IndexOf('=');
            result.Add(eq < 0
                ? new(OssUriEncoder.Decode(pair), string.Empty)
                : new(OssUriEncoder.Decode(pair.Substring(0, eq)), OssUriEncoder.Decode(pair.Substring(eq + 1))));
        }

        return result;
    }

    public static bool Verify(CapturedRequest request, string accessKeyId, string secret, string? region, string? bucketOverride = null, string? keyOverride = null)
    {
        var (bucket, key) = ParsePathStyle(request.Uri);
        bucket = bucketOverride ?? bucket;
        key = keyOverride ?? key;
        var signing = new SigningRequest(request.Method.Method, bucket, key, ParseQuery(request.Uri), request.Headers);
        string authorization = request.Header("Authorization") ?? throw new InvalidOperationException("No Authorization header.");
        if (authorization.StartsWith("OSS4-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            string timestamp = request.Header("x-oss-date")!;
            string scope = OssSignatureV4.BuildScope(timestamp.Substring(0, 8), region!);
            string sts = OssSignatureV4.BuildStringToSign(timestamp, scope, OssSignatureV4.BuildCanonicalRequest(signing));
            string signature = OssSignatureV4.ComputeSignature(OssSignatureV4.DeriveSigningKey(secret, timestamp.Substring(0, 8), region!), sts);
            return authorization == OssSignatureV4.FormatAuthorization(accessKeyId, scope, Array.Empty<string>(), signature);
        }

        string date = request.Header("Date")!;
        string expected = OssSignatureV1.ComputeSignature(secret, OssSignatureV1.BuildStringToSign(signing, date));
        return authorization == OssSignatureV1.FormatAuthorization(accessKeyId, expected);
    }

    public static IReadOnlyList<string> HeaderNames(CapturedRequest request) => request.Headers.Select(h => h.Key.ToLowerInvariant()).ToList();
}
