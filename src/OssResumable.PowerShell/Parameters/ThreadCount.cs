using System;
using System.Globalization;

namespace OssResumable.PowerShell.Parameters;

/// <summary>
/// The value of <c>-Threads</c>: a number of parts in flight (1–256), or <c>Auto</c> (adaptive: starts at
/// 8, or on a far link with a big file's parts up to 128, and follows the measured throughput, at most 256). PowerShell converts a number or the text
/// <c>Auto</c> (any case) to it.
/// </summary>
public sealed class ThreadCount
{
    /// <summary>What to write: the message of every refused value.</summary>
    internal const string Expected = "give a number from 1 to 256, or Auto";

    private ThreadCount(int? count)
    {
        Count = count;
    }

    /// <summary>A fixed count (checked by <see cref="ValidateThreadCountAttribute"/>, so that a bad one is a validation error).</summary>
    /// <param name="count">Parts in flight.</param>
    public ThreadCount(int count)
        : this((int?)count)
    {
    }

    /// <summary>Adaptive concurrency.</summary>
    public static ThreadCount Auto { get; } = new((int?)null);

    /// <summary>The default of the cmdlets: <see cref="Auto"/> (see docs/performance.md for the figures behind it).</summary>
    public static ThreadCount Default => Auto;

    /// <summary>True for <c>Auto</c>.</summary>
    public bool IsAuto => Count is null;

    /// <summary>The fixed count, or null for <c>Auto</c>.</summary>
    public int? Count { get; }

    /// <summary>Reads <c>Auto</c> or a whole number.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">Neither.</exception>
    public static ThreadCount Parse(string text)
    {
        string trimmed = (text ?? string.Empty).Trim();
        if (string.Equals(trimmed, "Auto", StringComparison.OrdinalIgnoreCase))
        {
            return Auto;
        }

        if (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count))
        {
            return new ThreadCount(count);
        }

        throw new FormatException("'" + text + "' is not a thread count: " + Expected + ".");
    }

    /// <summary>"Auto" or the number.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Count?.ToString(CultureInfo.InvariantCulture) ?? "Auto";
}
