using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using OssResumable.Core.Signing;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// The one mapping between <see cref="ObjectWriteOptions"/> and object headers: the client sends these
/// headers with PutObject and InitiateMultipartUpload, and a checkpoint records the same list (so that a
/// later run asking for other object options starts a new upload, and a resume from the checkpoint file
/// rebuilds the options with <see cref="FromHeaders"/>). Names are lowercase, tags sorted (the same tags
/// always give the same value), metadata names and every value checked before anything is sent.
/// </summary>
internal static class ObjectWriteHeaders
{
    public const string DefaultContentType = "application/octet-stream";

    private const string MetaPrefix = "x-oss-meta-";
    private const string AclHeader = "x-oss-object-acl";
    private const string ForbidOverwriteHeader = "x-oss-forbid-overwrite";

    // Headers that belong to the body (HttpContent) rather than to the request.
    private static readonly HashSet<string> BodyHeaders = new(StringComparer.Ordinal) { "content-type", "content-disposition", "content-encoding", "expires" };

    /// <summary>The headers the options stand for.</summary>
    /// <param name="options">The options, or null for defaults (only the default content type).</param>
    /// <param name="includeAcl">Whether <c>x-oss-object-acl</c> is included (PutObject and checkpoints yes; Initiate no, the ACL goes on Complete).</param>
    /// <returns>Name/value pairs, names lowercase.</returns>
    /// <exception cref="ArgumentException">A metadata name or a tag key is invalid, or a value is not printable ASCII.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> ToHeaders(ObjectWriteOptions? options, bool includeAcl)
    {
        var headers = new List<KeyValuePair<string, string>>();
        Add(headers, "content-type", string.IsNullOrWhiteSpace(options?.ContentType) ? DefaultContentType : options!.ContentType);
        if (options is null)
        {
            return headers;
        }

        Add(headers, "cache-control", options.CacheControl);
        Add(headers, "content-disposition", options.ContentDisposition);
        Add(headers, "content-encoding", options.ContentEncoding);
        if (options.Expires is DateTimeOffset expires)
        {
            Add(headers, "expires", expires.UtcDateTime.ToString("r", CultureInfo.InvariantCulture));
        }

        foreach (KeyValuePair<string, string> meta in options.Metadata)
        {
            HeaderValues.EnsureValidMetadataName(meta.Key);
#pragma warning disable CA1308 // OSS stores metadata names lower-case.
            string name = MetaPrefix + meta.Key.ToLowerInvariant();
#pragma warning restore CA1308
            HeaderValues.EnsureValid(name, meta.Value ?? string.Empty);
            headers.Add(new KeyValuePair<string, string>(name, meta.Value ?? string.Empty));
        }

        Add(headers, "x-oss-storage-class", options.StorageClass);
        if (includeAcl)
        {
            Add(headers, AclHeader, options.ObjectAcl);
        }

        Add(headers, "x-oss-server-side-encryption", options.ServerSideEncryption);
        Add(headers, "x-oss-server-side-encryption-key-id", options.ServerSideEncryptionKeyId);
        if (options.ForbidOverwrite)
        {
            Add(headers, ForbidOverwriteHeader, "true");
        }

        if (options.Tagging.Count > 0)
        {
            Add(headers, "x-oss-tagging", FormatTagging(options.Tagging));
        }

        return headers;
    }

    /// <summary>Adds the headers of the options to an operation that has a body (PutObject or InitiateMultipartUpload).</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="options">The options, or null.</param>
    /// <param name="includeAcl">See <see cref="ToHeaders"/>.</param>
    public static void Apply(OssOperation operation, ObjectWriteOptions? options, bool includeAcl)
    {
        foreach (KeyValuePair<string, string> header in ToHeaders(options, includeAcl))
        {
            if (BodyHeaders.Contains(header.Key))
            {
                operation.AddContentHeader(header.Key, header.Value);
            }
            else
            {
                operation.AddHeader(header.Key, header.Value);
            }
        }
    }

    /// <summary>
    /// Adds the object options CompleteMultipartUpload carries (the ACL, which Initiate leaves out, and
    /// forbid-overwrite), named and checked as <see cref="ToHeaders"/> names and checks them.
    /// </summary>
    /// <param name="operation">The CompleteMultipartUpload operation.</param>
    /// <param name="objectAcl">The object ACL, or null.</param>
    /// <param name="forbidOverwrite">Whether an existing object must not be replaced.</param>
    /// <exception cref="ArgumentException">The ACL is not printable ASCII.</exception>
    public static void ApplyCompletion(OssOperation operation, string? objectAcl, bool forbidOverwrite)
    {
        var headers = new List<KeyValuePair<string, string>>();
        Add(headers, AclHeader, objectAcl);
        if (forbidOverwrite)
        {
            Add(headers, ForbidOverwriteHeader, "true");
        }

        foreach (KeyValuePair<string, string> header in headers)
        {
            operation.AddHeader(header.Key, header.Value);
        }
    }

    /// <summary>Rebuilds the options from recorded headers (names the options cannot express are ignored).</summary>
    /// <param name="headers">Headers as <see cref="ToHeaders"/> made them.</param>
    /// <returns>The options.</returns>
    public static ObjectWriteOptions FromHeaders(IReadOnlyDictionary<string, string> headers)
    {
        var options = new ObjectWriteOptions();
        foreach (KeyValuePair<string, string> header in headers)
        {
            string value = header.Value;
            switch (header.Key)
            {
                case "content-type":
                    options.ContentType = value;
                    break;
                case "cache-control":
                    options.CacheControl = value;
                    break;
                case "content-disposition":
                    options.ContentDisposition = value;
                    break;
                case "content-encoding":
                    options.ContentEncoding = value;
                    break;
                case "expires":
                    if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset expires))
                    {
                        options.Expires = expires;
                    }

                    break;
                case "x-oss-storage-class":
                    options.StorageClass = value;
                    break;
                case AclHeader:
                    options.ObjectAcl = value;
                    break;
                case "x-oss-server-side-encryption":
                    options.ServerSideEncryption = value;
                    break;
                case "x-oss-server-side-encryption-key-id":
                    options.ServerSideEncryptionKeyId = value;
                    break;
                case ForbidOverwriteHeader:
                    options.ForbidOverwrite = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
                    break;
                case "x-oss-tagging":
                    AddTags(options, value);
                    break;
                default:
                    if (header.Key.StartsWith(MetaPrefix, StringComparison.Ordinal) && header.Key.Length > MetaPrefix.Length)
                    {
                        options.Metadata[header.Key.Substring(MetaPrefix.Length)] = value;
                    }

                    break;
            }
        }

        return options;
    }

    private static string FormatTagging(IDictionary<string, string> tagging)
    {
        var builder = new StringBuilder();
        foreach (KeyValuePair<string, string> tag in tagging.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(tag.Key))
            {
                throw new ArgumentException("A tag key is empty.", nameof(tagging));
            }

            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(OssUriEncoder.Encode(tag.Key, keepSlash: false)).Append('=').Append(OssUriEncoder.Encode(tag.Value ?? string.Empty, keepSlash: false));
        }

        return builder.ToString();
    }

    private static void AddTags(ObjectWriteOptions options, string value)
    {
        foreach (string pair in value.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            string name = OssUriEncoder.Decode(equals < 0 ? pair : pair.Substring(0, equals));
            string tagValue = equals < 0 ? string.Empty : OssUriEncoder.Decode(pair.Substring(equals + 1));
            options.Tagging[name] = tagValue;
        }
    }

    // Values are trimmed (as OSS would) and must be printable ASCII; empty ones are left out.
    private static void Add(List<KeyValuePair<string, string>> headers, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        string trimmed = value!.Trim();
        HeaderValues.EnsureValid(name, trimmed);
        headers.Add(new KeyValuePair<string, string>(name, trimmed));
    }
}
