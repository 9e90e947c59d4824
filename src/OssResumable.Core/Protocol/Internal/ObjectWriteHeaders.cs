using System;
using System.Globalization;
using System.Text;
using OssResumable.Core.Signing;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>Maps <see cref="ObjectWriteOptions"/> to request headers.</summary>
internal static class ObjectWriteHeaders
{
    public const string DefaultContentType = "application/octet-stream";

    /// <summary>Adds the headers of the options to an operation that has a body.</summary>
    /// <param name="operation">PutObject or InitiateMultipartUpload.</param>
    /// <param name="options">The options, or null.</param>
    /// <param name="includeAcl">Whether to send <c>x-oss-object-acl</c> (PutObject yes, Initiate no — ACL goes on Complete).</param>
    public static void Apply(OssOperation operation, ObjectWriteOptions? options, bool includeAcl)
    {
        operation.AddContentHeader("Content-Type", string.IsNullOrWhiteSpace(options?.ContentType) ? DefaultContentType : options!.ContentType!.Trim());
        if (options is null)
        {
            return;
        }

        AddIfSet(operation, "Cache-Control", options.CacheControl, content: false);
        AddIfSet(operation, "Content-Disposition", options.ContentDisposition, content: true);
        AddIfSet(operation, "Content-Encoding", options.ContentEncoding, content: true);
        if (options.Expires is not null)
        {
            operation.AddContentHeader("Expires", options.Expires.Value.UtcDateTime.ToString("r", CultureInfo.InvariantCulture));
        }

        foreach (var pair in options.Metadata)
        {
            HeaderValues.EnsureValidMetadataName(pair.Key);
            operation.AddHeader("x-oss-meta-" + pair.Key.ToLowerInvariant(), pair.Value);
        }

        AddIfSet(operation, "x-oss-storage-class", options.StorageClass, content: false);
        if (includeAcl)
        {
            AddIfSet(operation, "x-oss-object-acl", options.ObjectAcl, content: false);
        }

        AddIfSet(operation, "x-oss-server-side-encryption", options.ServerSideEncryption, content: false);
        AddIfSet(operation, "x-oss-server-side-encryption-key-id", options.ServerSideEncryptionKeyId, content: false);
        if (options.ForbidOverwrite)
        {
            operation.AddHeader("x-oss-forbid-overwrite", "true");
        }

        if (options.Tagging.Count > 0)
        {
            operation.AddHeader("x-oss-tagging", FormatTagging(options));
        }
    }

    private static string FormatTagging(ObjectWriteOptions options)
    {
        var builder = new StringBuilder();
        foreach (var tag in options.Tagging)
        {
            if (string.IsNullOrEmpty(tag.Key))
            {
                throw new ArgumentException("A tag key is empty.", nameof(options));
            }

            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(OssUriEncoder.Encode(tag.Key, keepSlash: false)).Append('=').Append(OssUriEncoder.Encode(tag.Value ?? string.Empty, keepSlash: false));
        }

        return builder.ToString();
    }

    private static void AddIfSet(OssOperation operation, string name, string? value, bool content)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (content)
        {
            operation.AddContentHeader(name, value!.Trim());
        }
        else
        {
            operation.AddHeader(name, value!.Trim());
        }
    }
}
