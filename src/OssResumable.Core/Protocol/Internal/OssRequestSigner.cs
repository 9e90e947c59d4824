using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using OssResumable.Core.Signing;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// Adds the date, token and Authorization headers to a built request, signing exactly the headers
/// that will be sent (request and content headers together) over the logical bucket and key.
/// </summary>
internal sealed class OssRequestSigner
{
    private readonly OssSignatureVersion _version;
    private readonly string? _region;
    private readonly SigningKeyCache _signingKeys = new();

    public OssRequestSigner(OssSignatureVersion version, string? region)
    {
        _version = version;
        _region = region;
    }

    public void Sign(HttpRequestMessage request, OssOperation operation, OssCredentials credentials, DateTimeOffset now)
    {
        string date = now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("Date", date);
        if (credentials.SecurityToken is not null)
        {
            request.Headers.TryAddWithoutValidation("x-oss-security-token", credentials.SecurityToken);
        }

        string timestamp = OssSignatureV4.FormatTimestamp(now);
        if (_version == OssSignatureVersion.V4)
        {
            request.Headers.TryAddWithoutValidation("x-oss-date", timestamp);
            request.Headers.TryAddWithoutValidation("x-oss-content-sha256", OssSignatureV4.UnsignedPayload);
        }

        var signingRequest = new SigningRequest(request.Method.Method, operation.Bucket, operation.Key, operation.Query, CollectHeaders(request));
        string authorization;
        if (_version == OssSignatureVersion.V4)
        {
            string day = timestamp.Substring(0, 8);
            string scope = OssSignatureV4.BuildScope(day, _region!);
            string canonical = OssSignatureV4.BuildCanonicalRequest(signingRequest);
            string stringToSign = OssSignatureV4.BuildStringToSign(timestamp, scope, canonical);
            byte[] key = _signingKeys.GetOrDerive(credentials.AccessKeySecret, day, _region!);
            authorization = OssSignatureV4.FormatAuthorization(credentials.AccessKeyId, scope, Array.Empty<string>(), OssSignatureV4.ComputeSignature(key, stringToSign));
        }
        else
        {
            string stringToSign = OssSignatureV1.BuildStringToSign(signingRequest, date);
            authorization = OssSignatureV1.FormatAuthorization(credentials.AccessKeyId, OssSignatureV1.ComputeSignature(credentials.AccessKeySecret, stringToSign));
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
    }

    /// <summary>
    /// The headers as they will go on the wire. Content-Type and Content-MD5 live in
    /// <see cref="HttpContent.Headers"/>, so both collections are gathered.
    /// </summary>
    internal static List<KeyValuePair<string, string>> CollectHeaders(HttpRequestMessage request)
    {
        var headers = new List<KeyValuePair<string, string>>();
#if NET8_0_OR_GREATER
        foreach (var header in request.Headers.NonValidated)
        {
            headers.Add(new KeyValuePair<string, string>(header.Key, header.Value.ToString()));
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers.NonValidated)
            {
                headers.Add(new KeyValuePair<string, string>(header.Key, header.Value.ToString()));
            }
        }
#else
        foreach (var header in request.Headers)
        {
            headers.Add(new KeyValuePair<string, string>(header.Key, string.Join(",", header.Value)));
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers.Add(new KeyValuePair<string, string>(header.Key, string.Join(",", header.Value)));
            }
        }
#endif
        return headers;
    }
}
