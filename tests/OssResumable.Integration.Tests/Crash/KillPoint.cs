using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OssResumable.Integration.Tests.Crash;

/// <summary>
/// When to kill one run, drawn from the seeded random source. The kill points are spread over the
/// upload: kill k aims at a progress point in the k-th of K equal slices of the first 90 % of the
/// file, so every run still has at least a tenth of the file to send when it dies (a run never
/// finishes before its kill point, whatever the machine's speed). When <see cref="KillMode.AtComplete"/>
/// is enabled the last kill is that one instead.
/// </summary>
internal sealed class KillPoint
{
    private KillPoint(KillMode mode, TimeSpan delay, double progress)
    {
        Mode = mode;
        Delay = delay;
        Progress = progress;
    }

    public KillMode Mode { get; }

    /// <summary>For <see cref="KillMode.BeforeFirstByte"/>: the time after the start.</summary>
    public TimeSpan Delay { get; }

    /// <summary>For the byte-driven modes: the target fraction of the file uploaded when the kill comes.</summary>
    public double Progress { get; }

    public static KillPoint Draw(Random random, int index, int count, IReadOnlyList<KillMode> modes)
    {
        // Weights 20 / 45 / 35 % over the enabled modes (all by default); always the same draws for a seed.
        double roll = random.NextDouble();
        TimeSpan delay = TimeSpan.FromMilliseconds(random.Next(0, 400));
        double progress = 0.9 * (index + 0.05 + (0.9 * random.NextDouble())) / count;
        List<KillMode> spread = modes.Where(m => m != KillMode.AtComplete).ToList();
        if ((index == count - 1 && modes.Contains(KillMode.AtComplete)) || spread.Count == 0)
        {
            return new KillPoint(KillMode.AtComplete, delay, progress);
        }

        KillMode drawn = roll < 0.2 ? KillMode.BeforeFirstByte : roll < 0.65 ? KillMode.MidPart : KillMode.AfterPartStored;
        KillMode mode = spread.Contains(drawn) ? drawn : spread[(int)(roll * spread.Count) % spread.Count];
        return new KillPoint(mode, delay, progress);
    }

    /// <summary>
    /// The byte threshold of this run: how many more bytes the server must read (MidPart) or store
    /// (AfterPartStored) in this run before the kill. Never more than 90 % of what the server does
    /// not have yet, so the threshold is always reached before the run could finish.
    /// </summary>
    public long Threshold(long fileSize, long checkpointBytes, long serverStoredBytes)
    {
        long target = (long)(Progress * fileSize) - checkpointBytes;
        long mustStillArrive = fileSize - serverStoredBytes;
        return Math.Max(1, Math.Min(target, (long)(0.9 * mustStillArrive)));
    }

    public static string ModeName(KillMode mode) => mode switch
    {
        KillMode.BeforeFirstByte => "before-first-byte",
        KillMode.MidPart => "mid-part",
        KillMode.AfterPartStored => "after-part-stored",
        _ => "at-complete",
    };

    public override string ToString() => Mode switch
    {
        KillMode.BeforeFirstByte => ModeName(Mode) + " (<= " + Delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms)",
        KillMode.AtComplete => ModeName(Mode),
        _ => ModeName(Mode) + " (~" + (Progress * 100).ToString("F0", CultureInfo.InvariantCulture) + " %)",
    };
}
