using System;
using System.Collections.Generic;

namespace OssResumable.PowerShell.Transfers;

/// <summary>Checks -Metadata before anything is sent (OSS user metadata: names of letters, digits and '-', printable ASCII values).</summary>
internal static class MetadataValidator
{
    /// <summary>Validates the entries.</summary>
    /// <param name="metadata">Name/value pairs.</param>
    /// <exception cref="ArgumentException">A name or value is not acceptable; the message names the entry (never a secret: metadata is not secret).</exception>
    public static void Validate(IEnumerable<KeyValuePair<string, string>> metadata)
    {
        foreach (KeyValuePair<string, string> entry in metadata)
        {
            if (entry.Key.Length == 0)
            {
                throw new ArgumentException("-Metadata has an empty name.");
            }

            foreach (char c in entry.Key)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
                {
                    throw new ArgumentException("-Metadata name '" + entry.Key + "' may contain only letters, digits and '-'.");
                }
            }

            foreach (char c in entry.Value ?? string.Empty)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException("-Metadata value of '" + entry.Key + "' must be printable ASCII (OSS stores metadata in HTTP headers); encode other text, e.g. as Base64 or percent-encoding.");
                }
            }
        }
    }
}
