using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// Everything needed to send (and re-send) one OSS request: operation name, method, bucket, key,
/// decoded query, headers and body. Immutable once the operation starts.
/// </summary>
internal sealed class OssOperation
{
    public OssOperation(string name, HttpMethod method, string? bucket, string? key)
    {
        Name = name;
        Method = method;
        Bucket = bucket;
        Key = key;
    }

    /// <summary>Operation name used in messages, e.g. <c>UploadPart</c>.</summary>
    public string Name { get; }

    public HttpMethod Method { get; }

    public string? Bucket { get; }

    public string? Key { get; }

    /// <summary>Decoded query parameters; empty value = bare name.</summary>
    public List<KeyValuePair<string, string>> Query { get; } = new();

    /// <summary>Request headers (not content headers).</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = new();

    /// <summary>Content headers (Content-Type, Content-MD5, Content-Disposition, ...); only with a body.</summary>
    public List<KeyValuePair<string, string>> ContentHeaders { get; } = new();

    /// <summary>The body, or null for requests without one (GET, HEAD, DELETE).</summary>
    public RequestBody? Body { get; set; }

    /// <summary>Progress callback for the body, or null.</summary>
    public Action<long>? Progress { get; set; }

    /// <summary>The bandwidth cap the body is written under, or null.</summary>
    public BandwidthLimiter? BandwidthLimiter { get; set; }

    /// <summary>
    /// Called before each retry of this operation only (in addition to the client-wide
    /// <see cref="OssClientOptions.RetryObserver"/>), or null.
    /// </summary>
    public Action<OssRetryNotice>? RetryObserver { get; set; }

    /// <summary>Upload id for messages, or null.</summary>
    public string? UploadId { get; set; }

    /// <summary>Part number for messages, or null.</summary>
    public int? PartNumber { get; set; }

    /// <summary>Attempts started so far (attempts run one after another, never concurrently).</summary>
    public int AttemptCount { get; set; }

    public OssOperation AddQuery(string name, string? value = null)
    {
        Query.Add(new KeyValuePair<string, string>(name, value ?? string.Empty));
        return this;
    }

    public OssOperation AddHeader(string name, string value)
    {
        HeaderValues.EnsureValid(name, value);
        Headers.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    public OssOperation AddContentHeader(string name, string value)
    {
        HeaderValues.EnsureValid(name, value);
        ContentHeaders.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    /// <summary>Describes the request for messages: bucket, key, upload id, part.</summary>
    public string Describe()
    {
        var builder = new StringBuilder();
        builder.Append("bucket '").Append(Bucket ?? string.Empty).Append('\'');
        if (Key is not null)
        {
            builder.Append(", key '").Append(Key).Append('\'');
        }

        if (UploadId is not null)
        {
            builder.Append(", upload id '").Append(UploadId).Append('\'');
        }

        if (PartNumber is not null)
        {
            builder.Append(", part ").Append(PartNumber.Value.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
