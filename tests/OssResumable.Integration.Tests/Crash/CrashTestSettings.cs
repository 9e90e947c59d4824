using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OssResumable.Integration.Tests.Crash;

/// <summary>
/// Size of the crash test. The defaults are sized for CI (a few seconds on two cores); the full
/// "multi-hundred-MB, many kills" run is the same test with environment variables, for example
/// <c>OSSR_CRASH_SIZE_MB=512 OSSR_CRASH_KILLS=25</c> (see docs/testing.md).
/// </summary>
internal sealed class CrashTestSettings
{
    private const long MiB = 1024 * 1024;

    public required long FileSize { get; init; }

    public required int Kills { get; init; }

    public required int Threads { get; init; }

    public required long PartSize { get; init; }

    public required int Seed { get; init; }

    /// <summary>
    /// The kill modes (OSSR_CRASH_MODES, e.g. "mid-part,after-part-stored"; default all): the first
    /// three are drawn at random for the spread kills; "at-complete" makes the last kill that one.
    /// </summary>
    public required IReadOnlyList<KillMode> Modes { get; init; }

    /// <summary>The bound the issue sets for the bytes re-sent after one kill.</summary>
    public long ResendBound => Threads * PartSize;

    public static CrashTestSettings FromEnvironment() => new()
    {
        FileSize = Read("OSSR_CRASH_SIZE_MB", 256, 1, 1 << 20) * MiB,
        Kills = (int)Read("OSSR_CRASH_KILLS", 6, 1, 10_000),
        Threads = (int)Read("OSSR_CRASH_THREADS", 4, 1, 64),
        PartSize = Read("OSSR_CRASH_PART_MB", 4, 1, 5 * 1024) * MiB,
        Seed = (int)Read("OSSR_CRASH_SEED", 20240603, int.MinValue, int.MaxValue),
        Modes = ReadModes(),
    };

    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "file {0} MiB, {1} kills, {2} threads, parts of {3} MiB, seed {4}, modes {6} (bound per kill: {5} MiB)",
        FileSize / MiB,
        Kills,
        Threads,
        PartSize / MiB,
        Seed,
        ResendBound / MiB,
        string.Join(",", Modes.Select(KillPoint.ModeName)));

    private static List<KillMode> ReadModes()
    {
        KillMode[] all = Enum.GetValues<KillMode>();
        string? text = Environment.GetEnvironmentVariable("OSSR_CRASH_MODES");
        if (string.IsNullOrWhiteSpace(text))
        {
            return all.ToList();
        }

        var modes = new List<KillMode>();
        foreach (string name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            KillMode[] matching = all.Where(m => KillPoint.ModeName(m) == name).ToArray();
            if (matching.Length == 0)
            {
                throw new InvalidOperationException("OSSR_CRASH_MODES: unknown mode '" + name + "' (before-first-byte, mid-part, after-part-stored, at-complete).");
            }

            modes.Add(matching[0]);
        }

        return modes.Distinct().ToList();
    }

    private static long Read(string name, long fallback, long min, long max)
    {
        string? text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
        {
            throw new InvalidOperationException(name + " must be an integer within " + min + ".." + max + " (was '" + text + "').");
        }

        return value;
    }
}
