using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace OssResumable.Core.Signing;

/// <summary>
/// OSS signature version 1 (<c>Authorization: OSS AccessKeyId:Signature</c>, HMAC-SHA1).
/// </summary>
public static class OssSignatureV1
{
    /// <summary>The scheme word at the start of a V1 Authorization header.</summary>
    public const string Scheme = "OSS";

    // Query parameters that enter the V1 canonical resource (union of the SDK whitelists). Every
    // other parameter (prefix, max-parts, encoding-type, ...) is not signed in V1.
    private static readonly HashSet<string> SignedSubresources = new(StringComparer.Ordinal)
    {
        "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete", "append",
        "tagging", "objectMeta", "uploadId", "partNumber", "security-token", "position", "img", "style",
        "styleName", "replication", "replicationProgress", "replicationLocation", "cname", "bucketInfo",
        "comp", "qos", "live", "status", "vod", "startTime", "endTime", "symlink", "x-oss-process",
        "response-content-type", "x-oss-traffic-limit", "response-content-language", "response-expires",
        "response-cache-control", "response-content-disposition", "response-content-encoding", "udf",
        "udfName", "udfImage", "udfId", "udfImageDesc", "udfApplication", "udfApplicationLog",
        "restore", "callback", "callback-var", "qosInfo", "policy", "stat", "encryption", "versions",
        "versioning", "versionId", "requestPayment", "x-oss-request-payer", "sequential", "inventory",
        "inventoryId", "continuation-token", "asyncFetch", "worm", "wormId", "wormExtend", "withHashContext",
        "x-oss-enable-md5", "x-oss-enable-sha1", "x-oss-enable-sha256", "x-oss-hash-ctx", "x-oss-md5-ctx",
        "transferAcceleration", "regionList", "cloudboxes", "x-oss-ac-source-ip", "x-oss-ac-subnet-mask",
        "x-oss-ac-vpc-id", "x-oss-ac-forward-allow", "metaQuery", "resourceGroup", "rtc", "x-oss-async-process",
        "responseHeader", "group", "link", "objectInfo", "httpsConfig", "redundancyTransition",
        "x-oss-target-redundancy-type", "x-oss-redundancy-transition-taskid", "accessPoint",
        "accessPointPolicy", "publicAccessBlock", "x-oss-access-point-name", "requesterQosInfo",
        "qosRequester", "resourcePoolInfo", "resourcePool", "resourcePoolBuckets",
        "x-oss-write-get-object-response", "bucketArchiveDirectRead",
    };

    /// <summary>Whether a query parameter is a signed sub-resource in V1.</summary>
    /// <param name="name">Decoded parameter name.</param>
    /// <returns>True when it enters the canonical resource.</returns>
    public static bool IsSignedSubresource(string name) => SignedSubresources.Contains(name);

    /// <summary>
    /// Builds the canonical resource: <c>/bucket/key</c> with the raw key, <c>/bucket/</c> for bucket
    /// requests, <c>/</c> for service requests, then <c>?</c> and the sorted signed sub-resources.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="extraSubresources">Caller-declared sub-resources to sign besides the whitelist.</param>
    /// <returns>The canonical resource.</returns>
    public static string BuildCanonicalResource(SigningRequest request, IEnumerable<string>? extraSubresources = null)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var builder = new StringBuilder("/");
        if (request.Bucket is not null)
        {
            builder.Append(request.Bucket).Append('/');
            if (request.Key is not null)
            {
                builder.Append(request.Key);
            }
        }

        var extra = new HashSet<string>(extraSubresources ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
        var signed = request.Query
            .Where(p => IsSignedSubresource(p.Key) || extra.Contains(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        for (int i = 0; i < signed.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&').Append(signed[i].Key);
            if (!string.IsNullOrEmpty(signed[i].Value))
            {
                builder.Append('=').Append(signed[i].Value);
            }
        }

        return builder.ToString();
    }

    /// <summary>Builds the V1 string to sign.</summary>
    /// <param name="request">The request.</param>
    /// <param name="dateOrExpires">The value of the date line: the <c>Date</c> header (or <c>x-oss-date</c>), or the <c>Expires</c> value of a presigned URL.</param>
    /// <param name="extraSubresources">Caller-declared sub-resources to sign besides the whitelist.</param>
    /// <returns>The string to sign.</returns>
    public static string BuildStringToSign(SigningRequest request, string dateOrExpires, IEnumerable<string>? extraSubresources = null)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(request.GetHeader("Content-MD5")?.Trim() ?? string.Empty).Append('\n');
        builder.Append(request.GetHeader("Content-Type")?.Trim() ?? string.Empty).Append('\n');
        builder.Append(dateOrExpires).Append('\n');
        foreach (var header in request.CanonicalHeaderMap())
        {
            if (header.Key.StartsWith("x-oss-", StringComparison.Ordinal))
            {
                builder.Append(header.Key).Append(':').Append(header.Value).Append('\n');
            }
        }

        builder.Append(BuildCanonicalResource(request, extraSubresources));
        return builder.ToString();
    }

    /// <summary>Computes <c>Base64(HMAC-SHA1(secret, stringToSign))</c>.</summary>
    /// <param name="accessKeySecret">The AccessKey secret.</param>
    /// <param name="stringToSign">The string to sign.</param>
    /// <returns>The base64 signature.</returns>
    public static string ComputeSignature(string accessKeySecret, string stringToSign)
    {
        if (accessKeySecret is null)
        {
            throw new ArgumentNullException(nameof(accessKeySecret));
        }

        if (stringToSign is null)
        {
            throw new ArgumentNullException(nameof(stringToSign));
        }

#pragma warning disable CA5350 // HMAC-SHA1 is what the OSS V1 protocol specifies.
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(accessKeySecret));
#pragma warning restore CA5350
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>Formats the Authorization header value.</summary>
    /// <param name="accessKeyId">The AccessKey ID.</param>
    /// <param name="signature">The base64 signature.</param>
    /// <returns><c>OSS AccessKeyId:Signature</c>.</returns>
    public static string FormatAuthorization(string accessKeyId, string signature) => Scheme + " " + accessKeyId + ":" + signature;
}
