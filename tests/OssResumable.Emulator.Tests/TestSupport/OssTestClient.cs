using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using OssResumable.Core.Signing;

namespace OssResumable.Emulator.Tests.TestSupport;

/// <summary>
/// A minimal signing HTTP client for tests: builds OSS requests (path-style or virtual-hosted),
/// signs them with Core's V1/V4 code, and sends them with HttpClient. Not the production client.
/// </summary>
public sealed class OssTestClient : IDisposable
{
    private static readonly HttpClient SharedHttp = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        ResponseHeaderEncodingSelector = (_, _) => Encoding.UTF8,
    })
    {
        Timeout = TimeSpan.FromMinutes(2),
    };

    private readonly Uri _endpoint;

    public OssTestClient(Uri endpoint, string accessKeyId, string secret)
    {
        _endpoint = endpoint;
        AccessKeyId = accessKeyId;
        Secret = secret;
    }

    public string AccessKeyId { get; set; }

    /// <summary>The HttpClient requests go through (a shared one by default; HTTPS tests give one that trusts the emulator).</summary>
    public HttpClient Http { get; set; } = SharedHttp;

    public string Secret { get; set; }

    public string? SecurityToken { get; set; }

    public SignatureVersion Version { get; set; } = SignatureVersion.V1;

    public string Region { get; set; } = "cn-hangzhou";

    /// <summary>When set, requests use virtual-hosted style with this Host domain (e.g. localhost).</summary>
    public string? VirtualHostDomain { get; set; }

    /// <summary>Added to the real clock when signing (to simulate a skewed client).</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>Extra header names to sign in V4 (AdditionalHeaders).</summary>
    public IReadOnlyList<string>? AdditionalHeaders { get; set; }

    public static KeyValuePair<string, string> Q(string name, string value = "") => new(name, value);

    public static string EncodeQuery(IEnumerable<KeyValuePair<string, string>> query) =>
        string.Join("&", query.Select(p => p.Value.Length == 0
            ? OssUriEncoder.Encode(p.Key, keepSlash: false)
            : OssUriEncoder.Encode(p.Key, keepSlash: false) + "=" + OssUriEncoder.Encode(p.Value, keepSlash: false)));

    /// <summary>The raw request target (path + query) for a bucket/key.</summary>
    public string BuildTarget(string? bucket, string? key, IEnumerable<KeyValuePair<string, string>>? query)
    {
        string path = VirtualHostDomain is not null
            ? "/" + (key is null ? string.Empty : OssUriEncoder.Encode(key, keepSlash: true))
            : bucket is null ? "/" : "/" + bucket + "/" + (key is null ? string.Empty : OssUriEncoder.Encode(key, keepSlash: true));
        List<KeyValuePair<string, string>> pairs = (query ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToList();
        return pairs.Count == 0 ? path : path + "?" + EncodeQuery(pairs);
    }

    public string HostHeader(string? bucket) =>
        VirtualHostDomain is not null && bucket is not null
            ? bucket + "." + VirtualHostDomain + ":" + _endpoint.Port.ToString(CultureInfo.InvariantCulture)
            : _endpoint.Authority;

    /// <summary>Signs a request: returns the headers to send (the given ones plus Date, x-oss-*, Authorization).</summary>
    public List<KeyValuePair<string, string>> Sign(
        string method,
        string? bucket,
        string? key,
        IEnumerable<KeyValuePair<string, string>>? query,
        IEnumerable<KeyValuePair<string, string>>? headers)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow + ClockOffset;
        var all = new List<KeyValuePair<string, string>>(headers ?? Enumerable.Empty<KeyValuePair<string, string>>());
        all.Add(new("Date", now.ToString("r", CultureInfo.InvariantCulture)));
        if (SecurityToken is not null)
        {
            all.Add(new("x-oss-security-token", SecurityToken));
        }

        List<KeyValuePair<string, string>> queryList = (query ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToList();
        if (Version == SignatureVersion.V1)
        {
            var signing = new SigningRequest(method, bucket, key, queryList, all);
            string stringToSign = OssSignatureV1.BuildStringToSign(signing, now.ToString("r", CultureInfo.InvariantCulture));
            all.Add(new("Authorization", OssSignatureV1.FormatAuthorization(AccessKeyId, OssSignatureV1.ComputeSignature(Secret, stringToSign))));
            return all;
        }

        string timestamp = OssSignatureV4.FormatTimestamp(now);
        all.Add(new("x-oss-date", timestamp));
        all.Add(new("x-oss-content-sha256", OssSignatureV4.UnsignedPayload));
        if (AdditionalHeaders?.Contains("host", StringComparer.OrdinalIgnoreCase) == true)
        {
            all.Add(new("Host", HostHeader(bucket)));
        }

        var request = new SigningRequest(method, bucket, key, queryList, all);
        string date = timestamp[..8];
        string scope = OssSignatureV4.BuildScope(date, Region);
        string canonical = OssSignatureV4.BuildCanonicalRequest(request, AdditionalHeaders);
        string sts = OssSignatureV4.BuildStringToSign(timestamp, scope, canonical);
        string signature = OssSignatureV4.ComputeSignature(OssSignatureV4.DeriveSigningKey(Secret, date, Region), sts);
        all.RemoveAll(h => h.Key == "Host");
        all.Add(new("Authorization", OssSignatureV4.FormatAuthorization(AccessKeyId, scope, OssSignatureV4.ResolveAdditionalHeaders(request, AdditionalHeaders), signature)));
        return all;
    }

    /// <summary>A V1 presigned URL (query OSSAccessKeyId/Expires/Signature [+ security-token]).</summary>
    public Uri PresignV1(string method, string bucket, string? key, DateTimeOffset expires, IEnumerable<KeyValuePair<string, string>>? query = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var queryList = (query ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToList();
        if (SecurityToken is not null)
        {
            queryList.Add(new("security-token", SecurityToken));
        }

        string expiresText = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signing = new SigningRequest(method, bucket, key, queryList, headers);
        string signature = OssSignatureV1.ComputeSignature(Secret, OssSignatureV1.BuildStringToSign(signing, expiresText));
        queryList.Add(new("OSSAccessKeyId", AccessKeyId));
        queryList.Add(new("Expires", expiresText));
        queryList.Add(new("Signature", signature));
        return MakeUri(BuildTarget(bucket, key, queryList));
    }

    /// <summary>A V4 presigned URL.</summary>
    public Uri PresignV4(string method, string bucket, string? key, int expiresSeconds, IEnumerable<KeyValuePair<string, string>>? query = null, IEnumerable<KeyValuePair<string, string>>? headers = null, DateTimeOffset? signTime = null)
    {
        DateTimeOffset now = signTime ?? DateTimeOffset.UtcNow + ClockOffset;
        string timestamp = OssSignatureV4.FormatTimestamp(now);
        string date = timestamp[..8];
        string scope = OssSignatureV4.BuildScope(date, Region);
        var queryList = (query ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToList();
        queryList.Add(new("x-oss-signature-version", OssSignatureV4.Algorithm));
        queryList.Add(new("x-oss-credential", AccessKeyId + "/" + scope));
        queryList.Add(new("x-oss-date", timestamp));
        queryList.Add(new("x-oss-expires", expiresSeconds.ToString(CultureInfo.InvariantCulture)));
        if (SecurityToken is not null)
        {
            queryList.Add(new("x-oss-security-token", SecurityToken));
        }

        var request = new SigningRequest(method, bucket, key, queryList, headers);
        string canonical = OssSignatureV4.BuildCanonicalRequest(request);
        string signature = OssSignatureV4.ComputeSignature(OssSignatureV4.DeriveSigningKey(Secret, date, Region), OssSignatureV4.BuildStringToSign(timestamp, scope, canonical));
        queryList.Add(new("x-oss-signature", signature));
        return MakeUri(BuildTarget(bucket, key, queryList));
    }

    public Uri MakeUri(string target) =>
        new(_endpoint.GetLeftPart(UriPartial.Authority) + target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    public Task<OssResponse> SendAsync(
        string method,
        string? bucket,
        string? key = null,
        IEnumerable<KeyValuePair<string, string>>? query = null,
        byte[]? body = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>>? tamper = null) =>
        SendContentAsync(method, bucket, key, query, body is null ? null : new ByteArrayContent(body), headers, tamper);

    /// <summary>Like <see cref="SendAsync"/> with any body, e.g. one of unknown length (sent chunked).</summary>
    public async Task<OssResponse> SendContentAsync(
        string method,
        string? bucket,
        string? key,
        IEnumerable<KeyValuePair<string, string>>? query,
        HttpContent? content,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>>? tamper = null)
    {
        List<KeyValuePair<string, string>> queryList = (query ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToList();
        List<KeyValuePair<string, string>> signed = Sign(method, bucket, key, queryList, headers);
        if (tamper is not null)
        {
            signed = tamper(signed);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), MakeUri(BuildTarget(bucket, key, queryList)));
        request.Headers.Host = HostHeader(bucket);
        request.Content = content;

        foreach (KeyValuePair<string, string> header in signed)
        {
            if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-MD5", StringComparison.OrdinalIgnoreCase) ||
                header.Key.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) ||
                header.Key.Equals("Content-Language", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Expires", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent(Array.Empty<byte>());
                request.Content.Headers.Remove(header.Key);
                request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return await SendRawAsync(request, Http);
    }

    public static async Task<OssResponse> SendRawAsync(HttpRequestMessage request, HttpClient? http = null)
    {
        using HttpResponseMessage response = await (http ?? SharedHttp).SendAsync(request);
        byte[] content = await response.Content.ReadAsByteArrayAsync();
        return new OssResponse(response, content);
    }

    public static Task<OssResponse> GetUrlAsync(Uri url, string method = "GET", byte[]? body = null, string? contentType = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        return SendRawAsync(request);
    }

    public static string Md5Base64(byte[] data) => Convert.ToBase64String(MD5.HashData(data));

    public static string Md5Hex(byte[] data) => Convert.ToHexString(MD5.HashData(data));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public void Dispose()
    {
        // The HttpClient is shared across tests.
    }
}
