using System;
using System.Diagnostics;
using System.Threading;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// Cancels an attempt that makes no progress for the idle timeout. Progress (body bytes written,
/// response received) pushes the deadline back, so long transfers that keep moving never time out.
/// </summary>
internal sealed class IdleWatchdog : IDisposable
{
    // Re-arming the timer after every buffer would cost a timer update per 128 KiB; re-arming at most
    // every quarter of the timeout (and at least once a second) keeps the deadline accurate enough.
    private static readonly long MaxResetIntervalTicks = Stopwatch.Frequency;

    private readonly long _resetIntervalTicks;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _source;
    private readonly TimeSpan _idleTimeout;
    private long _lastReset;

    public IdleWatchdog(CancellationToken callerToken, TimeSpan idleTimeout)
    {
        _callerToken = callerToken;
        _idleTimeout = idleTimeout;
        _source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        _lastReset = Stopwatch.GetTimestamp();
        _resetIntervalTicks = idleTimeout == Timeout.InfiniteTimeSpan
            ? MaxResetIntervalTicks
            : Math.Min(MaxResetIntervalTicks, (long)(idleTimeout.TotalSeconds * Stopwatch.Frequency / 4));
        if (idleTimeout != Timeout.InfiniteTimeSpan)
        {
            _source.CancelAfter(idleTimeout);
        }
    }

    /// <summary>Cancelled when the caller cancels or the attempt idles too long.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>True when the attempt was cancelled by the idle timeout rather than by the caller.</summary>
    public bool TimedOut => _source.IsCancellationRequested && !_callerToken.IsCancellationRequested;

    /// <summary>The configured idle timeout.</summary>
    public TimeSpan IdleTimeout => _idleTimeout;

    /// <summary>Records progress and pushes the deadline back.</summary>
    public void Reset()
    {
        if (_idleTimeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        long last = Interlocked.Read(ref _lastReset);
        if (now - last < _resetIntervalTicks)
        {
            return;
        }

        Interlocked.Exchange(ref _lastReset, now);
        try
        {
            _source.CancelAfter(_idleTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The attempt already finished; nothing left to watch.
        }
    }

    /// <summary>
    /// Stops the clock while the attempt waits for its own side on purpose (its turn under the bandwidth
    /// cap): that wait is not the connection idling. <see cref="ResetNow"/> starts it again.
    /// </summary>
    public void Suspend()
    {
        if (_idleTimeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        try
        {
            _source.CancelAfter(Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The attempt already finished; nothing left to watch.
        }
    }

    /// <summary>Resets now regardless of the throttle (a new phase of the exchange started).</summary>
    public void ResetNow()
    {
        Interlocked.Exchange(ref _lastReset, 0);
        Reset();
    }

    public void Dispose() => _source.Dispose();
}
