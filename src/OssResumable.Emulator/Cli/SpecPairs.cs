using System;
using System.Collections.Generic;
using OssResumable.Core.Signing;

namespace OssResumable.Emulator.Cli;

/// <summary>The <c>name=value,name=value</c> syntax shared by fault and link SPECs.</summary>
internal static class SpecPairs
{
    /// <summary>Splits a SPEC into percent-decoded values by name (names are case-insensitive).</summary>
    /// <param name="spec">The SPEC text.</param>
    /// <param name="kind">What the SPEC describes, for messages (<c>Fault SPEC</c>, <c>Link SPEC</c>).</param>
    /// <returns>The values by name.</returns>
    /// <exception cref="FormatException">An item is not <c>name=value</c>, a value is not valid percent-encoding, or a name repeats.</exception>
    public static Dictionary<string, string> Parse(string spec, string kind)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string rawPair in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = rawPair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException(kind + " item '" + rawPair + "' is not name=value.");
            }

            string name = rawPair[..eq].Trim();
            string value;
            try
            {
                value = OssUriEncoder.Decode(rawPair[(eq + 1)..].Trim());
            }
            catch (FormatException ex)
            {
                throw new FormatException(kind + " value of '" + name + "' is not valid percent-encoding.", ex);
            }

            if (!values.TryAdd(name, value))
            {
                throw new FormatException(kind + " names '" + name + "' twice.");
            }
        }

        return values;
    }
}
