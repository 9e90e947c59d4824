using System;
using System.Collections.Generic;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// The object headers a checkpoint may record: those that shape the object an upload creates (type,
/// storage class, encryption, metadata...). It is an allow-list so that nothing secret, such as an
/// <c>Authorization</c> header or an STS token, can ever be written into a checkpoint.
/// </summary>
internal static class CheckpointHeaders
{
    /// <summary>Prefix of user metadata headers, which are all allowed.</summary>
    public const string UserMetadataPrefix = "x-oss-meta-";

    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "cache-control",
        "content-disposition",
        "content-encoding",
        "content-language",
        "content-type",
        "expires",
        "x-oss-forbid-overwrite",
        "x-oss-object-acl",
        "x-oss-request-payer",
        "x-oss-server-side-data-encryption",
        "x-oss-server-side-encryption",
        "x-oss-server-side-encryption-key-id",
        "x-oss-storage-class",
        "x-oss-tagging",
    };

    /// <summary>The allowed header names other than <c>x-oss-meta-*</c>, lowercase.</summary>
    public static IReadOnlyCollection<string> AllowedNames => Allowed;

    /// <summary>Whether a header may be recorded in a checkpoint.</summary>
    /// <param name="name">The header name (any case).</param>
    /// <returns><see langword="true"/> for an allowed name or a non-empty <c>x-oss-meta-*</c> name.</returns>
    public static bool IsAllowed(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        return Allowed.Contains(name)
            || (name.Length > UserMetadataPrefix.Length && name.StartsWith(UserMetadataPrefix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Validates headers for a checkpoint and returns them with lowercase names, sorted ordinally.
    /// </summary>
    /// <param name="headers">The headers, or <see langword="null"/> for none.</param>
    /// <returns>A sorted, lowercase-named copy.</returns>
    /// <exception cref="ArgumentException">A name is not allowed, appears twice, or a value contains a line break.</exception>
    public static IReadOnlyDictionary<string, string> Normalize(IEnumerable<KeyValuePair<string, string>>? headers)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (headers is null)
        {
            return result;
        }

        foreach (KeyValuePair<string, string> header in headers)
        {
            if (!IsAllowed(header.Key))
            {
                // The value is deliberately left out of the message: it could be a secret.
                throw new ArgumentException(
                    "The header '" + header.Key + "' cannot be recorded in a checkpoint. Only object headers "
                        + "(Content-Type, Cache-Control, x-oss-storage-class, x-oss-meta-*, ...) may be.",
                    nameof(headers));
            }

            string value = header.Value ?? string.Empty;
            if (value.IndexOf('\r') >= 0 || value.IndexOf('\n') >= 0)
            {
                throw new ArgumentException("The value of header '" + header.Key + "' contains a line break.", nameof(headers));
            }

#pragma warning disable CA1308 // Header names are ASCII; lowercase is the conventional canonical form.
            string name = header.Key.ToLowerInvariant();
#pragma warning restore CA1308
            if (result.ContainsKey(name))
            {
                throw new ArgumentException("The header '" + header.Key + "' is given twice.", nameof(headers));
            }

            result.Add(name, value);
        }

        return result;
    }
}
