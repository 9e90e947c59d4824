using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>Reads OSS response headers from both the response and content header collections.</summary>
internal static class ResponseHeaders
{
    public const string RequestIdHeader = "x-oss-request-id";
    public const string Crc64Header = "x-oss-hash-crc64ecma";

    public static string? Get(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) ||
            (response.Content is not null && response.Content.Headers.TryGetValues(name, out values)))
        {
            return string.Join(",", values);
        }

        return null;
    }

    public static string? RequestId(HttpResponseMessage response) => Get(response, RequestIdHeader);

    /// <summary>Parses <c>x-oss-hash-crc64ecma</c> (unsigned decimal), or null when absent.</summary>
    /// <exception cref="FormatException">The header is present but not a number.</exception>
    public static ulong? Crc64(HttpResponseMessage response)
    {
        string? text = Get(response, Crc64Header)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new FormatException("The " + Crc64Header + " header is not an unsigned 64-bit number: '" + text + "'.");
    }

    public static HeadObjectResult ToObjectProperties(HttpResponseMessage response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Key.StartsWith("x-oss-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Key.Substring("x-oss-meta-".Length).ToLowerInvariant()] = string.Join(",", header.Value);
            }
        }

        var content = response.Content?.Headers;
        long length = content?.ContentLength ?? 0;
        string? contentMd5 = content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : Get(response, "Content-MD5");
        return new HeadObjectResult(
            length,
            ETag(response),
            Crc64(response),
            Get(response, "x-oss-object-type"),
            content?.LastModified,
            content?.ContentType?.ToString(),
            metadata,
            Get(response, "x-oss-storage-class"),
            Get(response, "x-oss-version-id"),
            contentMd5,
            Get(response, "x-oss-server-side-encryption"),
            RequestId(response));
    }

    public static string? ETag(HttpResponseMessage response) => Get(response, "ETag");
}
