using System;
using System.Diagnostics;
using System.Threading;

namespace OssResumable.Emulator.Link;

/// <summary>
/// A virtual-time schedule of one link (one connection's direction, or the total shared by all):
/// each reservation of n bytes occupies the link for n / rate seconds, starting when the link is
/// free but never before the bytes were there to send — an idle link builds up no credit, so there
/// are no bursts. The start may lie in the past: a caller whose timer fired late books from when
/// the bytes were really there, so late timers cost no throughput. Callers wait until the returned
/// time themselves (a timer, never a spin), and reservations of several connections queue in
/// order, which shares a busy link fairly. Times are <see cref="Stopwatch"/> ticks.
/// </summary>
internal sealed class PacingClock
{
    private readonly Lock _gate = new();
    private long _free;

    /// <param name="busyUntil">The link carries nothing before this time (a new connection's handshake).</param>
    public PacingClock(long busyUntil = 0)
    {
        _free = busyUntil;
    }

    /// <summary>Stopwatch ticks the link needs for <paramref name="bytes"/> at <paramref name="bytesPerSecond"/> (0 = not limited).</summary>
    public static long Duration(long bytes, long bytesPerSecond) =>
        bytesPerSecond <= 0 ? 0 : (long)((double)bytes * Stopwatch.Frequency / bytesPerSecond);

    /// <summary>Books the link for <paramref name="bytes"/> that were ready to send at <paramref name="ready"/>; returns when they will have crossed it.</summary>
    public long Reserve(long bytes, long bytesPerSecond, long ready)
    {
        long duration = Duration(bytes, bytesPerSecond);
        lock (_gate)
        {
            long start = Math.Max(_free, ready);
            _free = start + duration;
            return _free;
        }
    }
}
