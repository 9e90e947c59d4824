using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using OssResumable.Core.Protocol;
using OssResumable.Core.Signing;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// Maps <see cref="ObjectWriteOptions"/> to the object headers a checkpoint records, and back. The
/// checkpoint records them so that a later run asking for other object options starts a new upload
/// (they were fixed at Initiate), and so that <see cref="ResumableUploader.ResumeFromCheckpointAsync"/>
/// can apply the ACL and forbid-overwrite at Complete and re-initiate with the same options.
/// </summary>
internal static class ObjectHeaderMapping
{
    private const string DefaultContentType = "application/octet-stream";
    private const string MetaPrefix = "x-oss-meta-";

    public static IReadOnlyList<KeyValuePair<string, string>> ToHeaders(ObjectWriteOptions? options)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            Pair("content-type", string.IsNullOrWhiteSpace(options?.ContentType) ? DefaultContentType : options!.ContentType!.Trim()),
        };
        if (options is null)
        {
            return headers;
        }

        AddIfSet(headers, "cache-control", options.CacheControl);
        AddIfSet(headers, "content-disposition", options.ContentDisposition);
        AddIfSet(headers, "content-encoding", options.ContentEncoding);
        if (options.Expires is DateTimeOffset expires)
        {
            headers.Add(Pair("expires", expires.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)));
        }

        foreach (KeyValuePair<string, string> meta in options.Metadata)
        {
            if (string.IsNullOrEmpty(meta.Key))
            {
                throw new ArgumentException("A metadata name is empty.", nameof(options));
            }

#pragma warning disable CA1308 // OSS stores metadata names lower-case; so does the client when sending them.
            headers.Add(Pair(MetaPrefix + meta.Key.ToLowerInvariant(), meta.Value ?? string.Empty));
#pragma warning restore CA1308
        }

        AddIfSet(headers, "x-oss-storage-class", options.StorageClass);
        AddIfSet(headers, "x-oss-object-acl", options.ObjectAcl);
        AddIfSet(headers, "x-oss-server-side-encryption", options.ServerSideEncryption);
        AddIfSet(headers, "x-oss-server-side-encryption-key-id", options.ServerSideEncryptionKeyId);
        if (options.ForbidOverwrite)
        {
            headers.Add(Pair("x-oss-forbid-overwrite", "true"));
        }

        if (options.Tagging.Count > 0)
        {
            // Sorted, so that the same tags always give the same recorded value.
            var builder = new StringBuilder();
            foreach (KeyValuePair<string, string> tag in options.Tagging.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                if (builder.Length > 0)
                {
                    builder.Append('&');
                }

                builder.Append(OssUriEncoder.Encode(tag.Key, keepSlash: false)).Append('=').Append(OssUriEncoder.Encode(tag.Value ?? string.Empty, keepSlash: false));
            }

            headers.Add(Pair("x-oss-tagging", builder.ToString()));
        }

        return headers;
    }

    /// <summary>Rebuilds the options from recorded headers (names the options cannot express are ignored).</summary>
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
                case "x-oss-object-acl":
                    options.ObjectAcl = value;
                    break;
                case "x-oss-server-side-encryption":
                    options.ServerSideEncryption = value;
                    break;
                case "x-oss-server-side-encryption-key-id":
                    options.ServerSideEncryptionKeyId = value;
                    break;
                case "x-oss-forbid-overwrite":
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

    private static void AddIfSet(List<KeyValuePair<string, string>> headers, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            headers.Add(Pair(name, value!.Trim()));
        }
    }

    private static KeyValuePair<string, string> Pair(string name, string value) => new(name, value);
}
