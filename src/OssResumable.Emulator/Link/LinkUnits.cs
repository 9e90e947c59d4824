using System;
using System.Globalization;

namespace OssResumable.Emulator.Link;

/// <summary>Rates (<c>16MB/s</c>, <c>100Mbit/s</c>) and durations (<c>40ms</c>) of a link SPEC.</summary>
internal static class LinkUnits
{
    private static readonly (string Unit, double BytesPerSecond)[] Rates =
    {
        ("B/s", 1), ("kB/s", 1e3), ("KB/s", 1e3), ("MB/s", 1e6), ("GB/s", 1e9),
        ("KiB/s", 1024), ("MiB/s", 1024 * 1024), ("GiB/s", 1024 * 1024 * 1024),
        ("bit/s", 1 / 8.0), ("kbit/s", 1e3 / 8), ("Kbit/s", 1e3 / 8), ("Mbit/s", 1e6 / 8), ("Gbit/s", 1e9 / 8),
    };

    private static readonly (string Unit, double Milliseconds)[] Durations = { ("ms", 1), ("s", 1000), ("us", 0.001) };

    /// <summary>The accepted rate units, for messages.</summary>
    public const string RateForms = "a number and a unit: B/s, KB/s, MB/s, GB/s (10^3, 10^6, 10^9), KiB/s, MiB/s, GiB/s (2^10, 2^20, 2^30), or kbit/s, Mbit/s, Gbit/s; e.g. 16MB/s";

    /// <summary>Parses a rate into bytes per second (rounded); 0 stays 0 (unlimited).</summary>
    /// <exception cref="FormatException">Not a number with a known unit.</exception>
    public static long ParseRate(string text, string name)
    {
        foreach ((string unit, double factor) in Rates)
        {
            if (text.EndsWith(unit, StringComparison.Ordinal) && TryNumber(text[..^unit.Length], out double number))
            {
                return (long)Math.Round(number * factor);
            }
        }

        if (text == "0" || text.Equals("unlimited", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        throw new FormatException("Link SPEC value of '" + name + "' ('" + text + "') must be " + RateForms + " (bits need 'bit': 100Mbit/s).");
    }

    /// <summary>Parses a duration (<c>40ms</c>, <c>0.15s</c>, <c>500us</c>).</summary>
    /// <exception cref="FormatException">Not a number with a known unit.</exception>
    public static TimeSpan ParseDuration(string text, string name)
    {
        foreach ((string unit, double milliseconds) in Durations)
        {
            if (text.EndsWith(unit, StringComparison.Ordinal) && TryNumber(text[..^unit.Length], out double number))
            {
                return TimeSpan.FromMilliseconds(number * milliseconds);
            }
        }

        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        throw new FormatException("Link SPEC value of '" + name + "' ('" + text + "') must be a number and a unit: ms, s or us; e.g. 40ms.");
    }

    /// <summary>The shortest exact form: <c>16MB/s</c>, <c>8MiB/s</c>, or <c>12345B/s</c>.</summary>
    public static string FormatRate(long bytesPerSecond)
    {
        foreach ((string unit, long factor) in new[] { ("GB/s", 1_000_000_000L), ("GiB/s", 1L << 30), ("MB/s", 1_000_000L), ("MiB/s", 1L << 20), ("KB/s", 1000L), ("KiB/s", 1024L) })
        {
            if (bytesPerSecond >= factor && bytesPerSecond % factor == 0)
            {
                return (bytesPerSecond / factor).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return bytesPerSecond.ToString(CultureInfo.InvariantCulture) + "B/s";
    }

    /// <summary><c>40ms</c>, <c>0.5ms</c>.</summary>
    public static string FormatDuration(TimeSpan duration) =>
        duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    private static bool TryNumber(string text, out double number) =>
        double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
