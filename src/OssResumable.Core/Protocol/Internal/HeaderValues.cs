using System;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>Checks header names and values before they reach the wire.</summary>
internal static class HeaderValues
{
    /// <summary>
    /// Ensures a header value is printable ASCII (HTTP headers carry no other text reliably, and a
    /// CR/LF would split the request).
    /// </summary>
    public static void EnsureValid(string name, string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), "The value of header '" + name + "' is null.");
        }

        foreach (char c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException(
                    "The value of header '" + name + "' contains a character that is not printable ASCII (code " + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) +
                    "). Percent-encode non-ASCII text (e.g. Content-Disposition: attachment; filename*=UTF-8''...).",
                    nameof(value));
            }
        }
    }

    /// <summary>Ensures a user-metadata name is made of letters, digits and '-'.</summary>
    public static void EnsureValidMetadataName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A metadata name is empty.", nameof(name));
        }

        foreach (char c in name)
        {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok)
            {
                throw new ArgumentException("The metadata name '" + name + "' may contain only letters, digits and '-'.", nameof(name));
            }
        }
    }
}
