using System;
using System.Diagnostics;

namespace OssResumable.Emulator.Link;

/// <summary>
/// TCP slow start for one connection's request direction, as the client's stack would run it: a new
/// connection may have 10 segments in flight (RFC 6928), and every byte that arrives lets one more
/// byte go (the window doubles each round trip) until the window the per-connection rate stands for.
/// After an idle spell longer than a retransmission timeout the window shrinks again (halved per
/// timeout, never below the initial one), as Linux does by default (<c>tcp_slow_start_after_idle</c>).
/// There is no loss, so no congestion avoidance.
/// </summary>
internal sealed class CongestionWindow
{
    /// <summary>A typical Ethernet TCP segment's payload.</summary>
    public const int SegmentSize = 1460;

    /// <summary>The initial window: 10 segments.</summary>
    public const long InitialBytes = 10 * SegmentSize;

    // Linux's minimum retransmission timeout.
    private static readonly long MinTimeout = Stopwatch.Frequency / 5;

    private long _acknowledgedAt;

    /// <summary>Bytes that may be in flight.</summary>
    public long Bytes { get; private set; } = InitialBytes;

    /// <summary>When the last bytes arrived, i.e. when the window last opened (Stopwatch ticks; 0 before any).</summary>
    public long OpenedAt => _acknowledgedAt;

    /// <summary>Shrinks the window if the connection has been idle since the last arrival for longer than a timeout (200 ms + the round trip).</summary>
    public void RestartAfterIdle(long ready, long roundTripTicks)
    {
        long timeout = MinTimeout + roundTripTicks;
        long idle = ready - _acknowledgedAt;
        if (_acknowledgedAt != 0 && idle > timeout)
        {
            Bytes = Math.Max(InitialBytes, Bytes >> (int)Math.Min(62, idle / timeout));
        }
    }

    /// <summary>Bytes arrived at <paramref name="arrivedAt"/>: the window grows by as many, up to <paramref name="limit"/>.</summary>
    public void Acknowledge(long bytes, long arrivedAt, long limit)
    {
        Bytes = Math.Min(Bytes + bytes, Math.Max(limit, InitialBytes));
        _acknowledgedAt = arrivedAt;
    }
}
