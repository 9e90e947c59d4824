using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Emulator.Link;

/// <summary>
/// The timer wait of one shaped pipe end, cancellable by <c>CancelPendingRead</c>/<c>CancelPendingFlush</c>
/// (Kestrel uses those to stop a connection; a wait must not outlive them).
/// </summary>
internal sealed class LinkWait
{
    /// <summary>Bytes due within this many ticks are delivered now: timers do not fire more finely than about a millisecond.</summary>
    public static readonly long Tolerance = Stopwatch.Frequency / 1000;

    private CancellationTokenSource? _current;
    private int _cancelRequested;

    /// <summary>Consumes a pending cancellation request; true when there was one.</summary>
    public bool TakeCancellation() => Interlocked.Exchange(ref _cancelRequested, 0) == 1;

    /// <summary>Asks the current (or next) wait to end at once.</summary>
    public void Cancel()
    {
        Interlocked.Exchange(ref _cancelRequested, 1);
        try
        {
            Volatile.Read(ref _current)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait ended meanwhile; the flag still tells the reader or writer.
        }
    }

    /// <summary>Waits until the Stopwatch time <paramref name="due"/>, or until <see cref="Cancel"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task WaitUntilAsync(long due, CancellationToken cancellationToken)
    {
        long ticks = due - Stopwatch.GetTimestamp();
        if (ticks <= Tolerance)
        {
            return;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Interlocked.Exchange(ref _current, wait);
        try
        {
            // Checked after publishing the wait: a Cancel() in between either sees it or set the flag.
            if (Volatile.Read(ref _cancelRequested) == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency), wait.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Cancel(): the caller sees the flag.
        }
        finally
        {
            Interlocked.Exchange(ref _current, null);
        }
    }
}
