using System;
using System.Collections.Generic;

namespace OssResumable.PowerShell.Configuration;

/// <summary>
/// A forgiving INI reader for the Alibaba Cloud credentials file and ossutil's config file: section
/// names are case-insensitive, key names are normalised (lower case, without <c>-</c> and <c>_</c>,
/// so <c>accessKeyId</c>, <c>access-key-id</c> and <c>access_key_id</c> are one key), <c>#</c> and
/// <c>;</c> start comments, values are trimmed and may be quoted.
/// </summary>
internal sealed class IniDocument
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections;

    private IniDocument(Dictionary<string, Dictionary<string, string>> sections)
    {
        _sections = sections;
    }

    /// <summary>Section names as they appear in the file (original spelling).</summary>
    public IEnumerable<string> SectionNames => _sections.Keys;

    /// <summary>Parses INI text. Lines outside any section and lines without <c>=</c> are ignored.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The document.</returns>
    public static IniDocument Parse(string text)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, string>? current = null;
        foreach (string rawLine in (text ?? string.Empty).Split('\n'))
        {
            string line = rawLine.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line[0] == '#' || line[0] == ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                int close = line.IndexOf(']');
                string name = (close > 0 ? line.Substring(1, close - 1) : line.Substring(1)).Trim();
                if (!sections.TryGetValue(name, out current))
                {
                    current = new Dictionary<string, string>(StringComparer.Ordinal);
                    sections.Add(name, current);
                }

                continue;
            }

            int eq = line.IndexOf('=');
            if (current is null || eq <= 0)
            {
                continue;
            }

            string key = NormalizeKey(line.Substring(0, eq));
            current[key] = Unquote(line.Substring(eq + 1).Trim());
        }

        return new IniDocument(sections);
    }

    /// <summary>Normalises a key name: lower case, without <c>-</c>, <c>_</c> and white space.</summary>
    /// <param name="key">The key as written.</param>
    /// <returns>The normalised key.</returns>
    public static string NormalizeKey(string key)
    {
        var chars = new List<char>(key.Length);
        foreach (char c in key)
        {
            if (c != '-' && c != '_' && !char.IsWhiteSpace(c))
            {
                chars.Add(char.ToLowerInvariant(c));
            }
        }

        return new string(chars.ToArray());
    }

    /// <summary>Whether the section exists (case-insensitive).</summary>
    /// <param name="section">Section name.</param>
    /// <returns>True if present.</returns>
    public bool HasSection(string section) => _sections.ContainsKey(section);

    /// <summary>
    /// Returns the first non-empty value among the given key names (any spelling; they are
    /// normalised) in a section, or null.
    /// </summary>
    /// <param name="section">Section name (case-insensitive).</param>
    /// <param name="keys">Key names to try in order.</param>
    /// <returns>The value or null.</returns>
    public string? Get(string section, params string[] keys)
    {
        if (!_sections.TryGetValue(section, out Dictionary<string, string>? values))
        {
            return null;
        }

        foreach (string key in keys)
        {
            if (values.TryGetValue(NormalizeKey(key), out string? value) && value.Length > 0)
            {
                return value;
            }
        }

        return null;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && ((value[0] == '"' && value[value.Length - 1] == '"') || (value[0] == '\'' && value[value.Length - 1] == '\'')))
        {
            return value.Substring(1, value.Length - 2);
        }

        return value;
    }
}
