using System;
using System.Globalization;

namespace OssResumable.PowerShell.Parameters;

/// <summary>
/// Parses the <c>-OlderThan</c> value of Get-OssMultipartUpload: a TimeSpan, a number of days, or
/// text such as <c>7d</c>, <c>36h</c>, <c>90m</c>, <c>45s</c> or <c>1.12:00:00</c>.
/// </summary>
/// <remarks>
/// Unquoted, PowerShell reads some of these texts as numbers before the parameter sees them: <c>7d</c>
/// is the decimal 7 (the <c>d</c> suffix, every version) and, in PowerShell 6.2 and later, <c>45s</c> is
/// the Int16 45 (the <c>s</c> suffix). A decimal therefore counts days, as the text meant, and an Int16
/// counts seconds; every other number counts days.
/// </remarks>
internal static class AgeParser
{
    private const string Expected = "-OlderThan must be a TimeSpan, a number of days, or text such as 7d, 36h, 90m, 45s.";

    /// <summary>Converts a value to a non-negative age.</summary>
    /// <param name="value">TimeSpan, number (days; an Int16 is seconds) or text.</param>
    /// <returns>The age.</returns>
    /// <exception cref="ArgumentException">The value is not an age.</exception>
    public static TimeSpan Parse(object? value)
    {
        TimeSpan age = value switch
        {
            TimeSpan span => span,
            string text => ParseText(text),
            short seconds => TimeSpan.FromSeconds(seconds),
            decimal days => Days((double)days),
            byte or sbyte or ushort or int or uint or long or ulong or float or double => Days(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException(Expected),
        };
        if (age < TimeSpan.Zero)
        {
            throw new ArgumentException("-OlderThan cannot be negative.");
        }

        return age;
    }

    private static TimeSpan Days(double days)
    {
        if (double.IsNaN(days) || double.IsInfinity(days) || Math.Abs(days) > TimeSpan.MaxValue.TotalDays)
        {
            throw new ArgumentException(Expected);
        }

        return TimeSpan.FromDays(days);
    }

    private static TimeSpan ParseText(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.Length >= 2)
        {
            char unit = char.ToLowerInvariant(trimmed[trimmed.Length - 1]);
            string number = trimmed.Substring(0, trimmed.Length - 1);
            if ("dhms".IndexOf(unit) >= 0 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) && amount >= 0)
            {
                return unit switch
                {
                    'd' => TimeSpan.FromDays(amount),
                    'h' => TimeSpan.FromHours(amount),
                    'm' => TimeSpan.FromMinutes(amount),
                    _ => TimeSpan.FromSeconds(amount),
                };
            }
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double days) && days >= 0)
        {
            return TimeSpan.FromDays(days);
        }

        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out TimeSpan span))
        {
            return span;
        }

        throw new ArgumentException("-OlderThan '" + text + "' is not an age; use e.g. 7d, 36h, 90m, 45s or 1.12:00:00.");
    }
}
