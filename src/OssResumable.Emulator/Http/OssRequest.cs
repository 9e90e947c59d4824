using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OssResumable.Core.Signing;

namespace OssResumable.Emulator.Http;

/// <summary>
/// One OSS request after addressing: bucket and key (decoded from the raw target), decoded query,
/// and the recognised operation.
/// </summary>
internal sealed class OssRequest
{
    // Query parameters that select or modify an operation we implement; any other V1 signed
    // sub-resource (acl on PUT, tagging, symlink, append, ...) names an operation we do not.
    private static readonly HashSet<string> HandledSubresources = new(StringComparer.Ordinal)
    {
        "uploads", "uploadId", "partNumber", "acl", "objectMeta", "bucketInfo", "location", "delete",
        "security-token", "versionId", "continuation-token", "x-oss-traffic-limit", "x-oss-request-payer",
        "response-content-type", "response-content-language", "response-expires", "response-cache-control",
        "response-content-disposition", "response-content-encoding",
    };

    private OssRequest(HttpContext context, RequestTarget target, string requestId)
    {
        Context = context;
        Target = target;
        RequestId = requestId;
        Method = context.Request.Method.ToUpperInvariant();
        HostHeader = context.Request.Headers.Host.ToString();
    }

    public HttpContext Context { get; }

    public RequestTarget Target { get; }

    public string RequestId { get; }

    public string Method { get; }

    public string HostHeader { get; }

    public string? Bucket { get; private set; }

    public string? Key { get; private set; }

    public bool IsVirtualHosted { get; private set; }

    public EmulatorOperation Operation { get; private set; }

    /// <summary>Why the request is <see cref="EmulatorOperation.Unsupported"/>.</summary>
    public string UnsupportedReason { get; private set; } = string.Empty;

    /// <summary>Body rate limit from a throttle fault (0 = none).</summary>
    public long BytesPerSecond { get; set; }

    /// <summary>Whether <c>encoding-type=url</c> was requested (validated by the operations).</summary>
    public bool UrlEncodingRequested => string.Equals(GetQuery("encoding-type"), "url", StringComparison.Ordinal);

    public string? UploadId => GetQuery("uploadId");

    /// <summary>The part number if the query has a valid one (for fault matching), else null.</summary>
    public int? PartNumberOrNull =>
        int.TryParse(GetQuery("partNumber"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : null;

    /// <summary>Parses addressing and classifies the operation.</summary>
    /// <exception cref="ErrorResponseException">InvalidURI / InvalidObjectName when the target cannot be decoded.</exception>
    public static OssRequest Create(HttpContext context, RequestTarget target, string hostDomain, string requestId)
    {
        var request = new OssRequest(context, target, requestId);
        request.ResolveAddress(hostDomain);
        request.Classify();
        return request;
    }

    /// <summary>The path-style request target prefix for the bucket (for Location and similar).</summary>
    public string ObjectUrl(string key)
    {
        string scheme = Context.Request.Scheme;
        string encodedKey = OssUriEncoder.Encode(key, keepSlash: true);
        return IsVirtualHosted
            ? scheme + "://" + HostHeader + "/" + encodedKey
            : scheme + "://" + HostHeader + "/" + Bucket + "/" + encodedKey;
    }

    public string? GetQuery(string name)
    {
        foreach (KeyValuePair<string, string> pair in Target.Query)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return null;
    }

    public bool HasQuery(string name) => Target.Query.Any(p => string.Equals(p.Key, name, StringComparison.Ordinal));

    /// <summary>A request header (repeated values joined with <c>,</c>), or null.</summary>
    public string? GetHeader(string name)
    {
        StringValues values = Context.Request.Headers[name];
        return values.Count == 0 ? null : values.ToString();
    }

    /// <summary>All request headers as name/value pairs (one pair per value).</summary>
    public IEnumerable<KeyValuePair<string, string>> HeaderPairs()
    {
        foreach (KeyValuePair<string, StringValues> header in Context.Request.Headers)
        {
            foreach (string? value in header.Value)
            {
                yield return new KeyValuePair<string, string>(header.Key, value ?? string.Empty);
            }
        }
    }

    /// <summary>The request in the form the shared signing code canonicalises.</summary>
    public SigningRequest ToSigningRequest(string? excludedQueryParameter = null) => new(
        Method,
        Bucket,
        Key,
        excludedQueryParameter is null ? Target.Query : Target.Query.Where(p => !string.Equals(p.Key, excludedQueryParameter, StringComparison.Ordinal)),
        HeaderPairs());

    private static string DecodeKey(string raw)
    {
        try
        {
            return OssUriEncoder.Decode(raw);
        }
        catch (FormatException ex) when (ex.InnerException is not null)
        {
            throw new ErrorResponseException(400, "InvalidObjectName", "The specified object is not valid: it is not UTF-8.", "0099-00000010", ex);
        }
        catch (FormatException ex)
        {
            throw new ErrorResponseException(400, "InvalidURI", "The request path is not valid percent-encoding.", "0099-00000006", ex);
        }
    }

    /// <summary>
    /// The bucket named by a virtual-hosted Host, or null for path-style: <c>bucket.HOST-DOMAIN</c>,
    /// or a real OSS name such as <c>bucket.oss-cn-hangzhou.aliyuncs.com</c> (ali-oss sends that Host
    /// when its endpoint is an IP address).
    /// </summary>
    public static string? VirtualHostedBucket(string host, string hostDomain)
    {
        string suffix = "." + hostDomain;
        if (host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return host[..^suffix.Length].ToLowerInvariant();
        }

        const string Oss = ".aliyuncs.com";
        int dot = host.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && host.EndsWith(Oss, StringComparison.OrdinalIgnoreCase) && !host.StartsWith("oss-", StringComparison.OrdinalIgnoreCase))
        {
            string service = host[(dot + 1)..];
            if (service.StartsWith("oss-", StringComparison.OrdinalIgnoreCase) || service.EndsWith(".oss" + Oss, StringComparison.OrdinalIgnoreCase))
            {
                return host[..dot].ToLowerInvariant();
            }
        }

        return null;
    }

    private void ResolveAddress(string hostDomain)
    {
        string rawPath = Target.RawPath;
        if (VirtualHostedBucket(Context.Request.Host.Host, hostDomain) is string bucket)
        {
            IsVirtualHosted = true;
            Bucket = bucket;
            string rawKey = rawPath[1..];
            Key = rawKey.Length == 0 ? null : DecodeKey(rawKey);
            return;
        }

        // Path style: /bucket/key...
        string rest = rawPath[1..];
        if (rest.Length == 0)
        {
            return;
        }

        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        string rawBucket = slash < 0 ? rest : rest[..slash];
        Bucket = DecodeKey(rawBucket);
        if (slash >= 0 && slash + 1 < rest.Length)
        {
            Key = DecodeKey(rest[(slash + 1)..]);
        }
    }

    private void Classify()
    {
        string? unknown = Target.Query.Select(p => p.Key).FirstOrDefault(n => OssSignatureV1.IsSignedSubresource(n) && !HandledSubresources.Contains(n));
        Operation = unknown is not null ? Unsupported("the '" + unknown + "' sub-resource") : ClassifyKnown();
    }

    private EmulatorOperation ClassifyKnown()
    {
        if (Bucket is null)
        {
            return Method == "GET" ? EmulatorOperation.ListBuckets : Unsupported(Method + " on the service");
        }

        if (Key is null)
        {
            return Method switch
            {
                "PUT" when HasQuery("acl") => EmulatorOperation.PutBucketAcl,
                "PUT" => EmulatorOperation.PutBucket,
                "DELETE" => EmulatorOperation.DeleteBucket,
                "GET" when HasQuery("uploads") => EmulatorOperation.ListMultipartUploads,
                "GET" when HasQuery("bucketInfo") => EmulatorOperation.GetBucketInfo,
                "GET" when HasQuery("location") => EmulatorOperation.GetBucketLocation,
                "GET" when HasQuery("acl") => EmulatorOperation.GetBucketAcl,
                "GET" when GetQuery("list-type") == "2" => EmulatorOperation.ListObjectsV2,
                "GET" => EmulatorOperation.ListObjects,
                "POST" when HasQuery("delete") => EmulatorOperation.DeleteMultipleObjects,
                _ => Unsupported(Method + " on a bucket"),
            };
        }

        bool copy = GetHeader("x-oss-copy-source") is not null;
        if (GetHeader("x-oss-callback") is not null)
        {
            // Silently skipping the callback would tell the client it ran.
            return Unsupported("upload callbacks (x-oss-callback)");
        }

        return Method switch
        {
            "PUT" when HasQuery("acl") => Unsupported("PutObjectAcl"),
            "PUT" when HasQuery("uploadId") && copy => Unsupported("UploadPartCopy"),
            "PUT" when HasQuery("uploadId") => EmulatorOperation.UploadPart,
            "PUT" when copy => Unsupported("CopyObject"),
            "PUT" => EmulatorOperation.PutObject,
            "GET" when HasQuery("uploadId") => EmulatorOperation.ListParts,
            "GET" when HasQuery("acl") => EmulatorOperation.GetObjectAcl,
            "GET" or "HEAD" when HasQuery("objectMeta") => EmulatorOperation.GetObjectMeta,
            "GET" => EmulatorOperation.GetObject,
            "HEAD" => EmulatorOperation.HeadObject,
            "POST" when HasQuery("uploads") => EmulatorOperation.InitiateMultipartUpload,
            "POST" when HasQuery("uploadId") => EmulatorOperation.CompleteMultipartUpload,
            "DELETE" when HasQuery("uploadId") => EmulatorOperation.AbortMultipartUpload,
            "DELETE" => EmulatorOperation.DeleteObject,
            _ => Unsupported(Method + " on an object"),
        };
    }

    private EmulatorOperation Unsupported(string reason)
    {
        UnsupportedReason = reason;
        return EmulatorOperation.Unsupported;
    }
}
