using System;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Protocol;

/// <summary>
/// A cap on upload bandwidth shared by every request body that uses this instance (all parts and files
/// of one command): a token bucket with a small burst, counted at the wire, i.e. request body bytes as
/// they are written to the connection (retried attempts count again; headers do not). Writers wait on a
/// timer for their turn, in the order they asked, on one pacing thread for the whole process. The cap costs
/// no busy waiting and no smaller writes: bodies are still written in 128 KiB pieces, booked
/// <see cref="ReservationBytes"/> at a time.
/// </summary>
public sealed class BandwidthLimiter
{
    /// <summary>Smallest accepted rate (1 KiB/s).</summary>
    public const long MinBytesPerSecond = 1024;

    /// <summary>Largest accepted rate (100 GB/s).</summary>
    public const long MaxBytesPerSecond = 100_000_000_000;

    // The bucket holds at most this much time's worth of bytes: enough to absorb the gaps between
    // requests (one round trip each) without letting an idle spell turn into a long over-cap spurt.
    private const double BurstSeconds = 0.25;

    private readonly IPacingClock _clock;
    private readonly object _lock = new();
    private readonly double _secondsPerByte;

    // The moment at which every byte reserved so far has been paid for (a virtual schedule: a late timer
    // costs nothing, because the next reservation is booked from this moment, not from when it woke).
    private double _paidUntil;

    /// <summary>Creates a limiter.</summary>
    /// <param name="bytesPerSecond">The cap in bytes per second, 1 KiB/s to 100 GB/s.</param>
    public BandwidthLimiter(long bytesPerSecond)
        : this(bytesPerSecond, SystemPacingClock.Instance)
    {
    }

    internal BandwidthLimiter(long bytesPerSecond, IPacingClock clock)
    {
        if (bytesPerSecond < MinBytesPerSecond || bytesPerSecond > MaxBytesPerSecond)
        {
            throw new ArgumentOutOfRangeException(
                nameof(bytesPerSecond), bytesPerSecond, "The bandwidth cap must be from 1 KiB/s (1024) to 100 GB/s; e.g. 10MB for 10 MiB/s.");
        }

        BytesPerSecond = bytesPerSecond;
        _secondsPerByte = 1.0 / bytesPerSecond;
        _clock = clock;
        ReservationBytes = (int)Math.Max(64 * 1024, Math.Min(8 * 1024 * 1024, bytesPerSecond * BurstSeconds));
    }

    /// <summary>The cap, in bytes per second.</summary>
    public long BytesPerSecond { get; }

    /// <summary>
    /// How many bytes a writer books at a time: the burst, a quarter of a second's worth (64 KiB to 8 MiB).
    /// Every booking that waits is a wake-up of an otherwise idle process, which is what a cap costs in CPU
    /// (docs/performance.md, "Bandwidth cap"), so a booking is as large as the burst allows: a writer sends
    /// it when the schedule reaches its start, and what goes at once is never more than the burst.
    /// </summary>
    public int ReservationBytes { get; }

    /// <summary>Waits until <paramref name="bytes"/> may be sent, then books them.</summary>
    /// <remarks>
    /// A wait is released by the process's one pacing thread, and a continuation that does not capture a context
    /// (<c>ConfigureAwait(false)</c>) runs on it: send the booked bytes and wait again, but do not block there, or
    /// every other writer under a cap waits too.
    /// </remarks>
    /// <param name="bytes">Bytes about to be written (book about <see cref="ReservationBytes"/> at a time).</param>
    /// <param name="cancellationToken">Stops waiting; the booked bytes are then not given back.</param>
    /// <returns>The time waited (zero when the bytes could go at once).</returns>
    public Task<TimeSpan> WaitAsync(int bytes, CancellationToken cancellationToken)
    {
        TimeSpan wait = Reserve(bytes);
        return wait <= TimeSpan.Zero ? Task.FromResult(TimeSpan.Zero) : DelayAsync(wait, cancellationToken);
    }

    /// <summary>Books <paramref name="bytes"/> and returns how long the caller must wait before sending them.</summary>
    internal TimeSpan Reserve(int bytes)
    {
        if (bytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "The byte count cannot be negative.");
        }

        double now = _clock.NowSeconds;
        double sendAt;
        lock (_lock)
        {
            // Bytes may go while what is booked runs at most the burst ahead of the clock; an idle spell
            // earns no more credit than that (the schedule restarts from now).
            double start = Math.Max(_paidUntil, now);
            _paidUntil = start + (bytes * _secondsPerByte);
            sendAt = _paidUntil - BurstSeconds;
        }

        double wait = sendAt - now;

        // Below a millisecond a timer cannot wait anyway; the schedule stays exact because it is virtual.
        return wait < 0.001 ? TimeSpan.Zero : TimeSpan.FromSeconds(wait);
    }

    /// <summary>Waits a reserved time on this limiter's clock.</summary>
    internal async Task<TimeSpan> DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        await _clock.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        return wait;
    }
}
