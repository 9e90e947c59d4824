using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// Timer waits for the bandwidth cap, served by one dedicated thread that releases every wait that is due
/// in one wake-up and runs the waiters' continuations on itself.
/// </summary>
/// <remarks>
/// Why not <see cref="Task.Delay(TimeSpan, CancellationToken)"/>: under a cap the process is idle between
/// bookings, and each <c>Task.Delay</c> that fires wakes the runtime's timer thread, which queues the
/// continuation to an idle thread pool; the pool wakes workers for it (about three spin episodes were counted
/// per booking), and each worker that then finds no more work spins (tens of <c>sched_yield</c> calls) before
/// it sleeps.
/// Measured at 20 MB/s (docs/performance.md, "Bandwidth cap"): about 2,400 <c>sched_yield</c> calls and
/// 2,000 context switches a second, which was most of what a capped upload cost beyond an uncapped one.
/// Here the continuation (the writer sending its next booking: a file read, CRC-64 and socket writes that
/// complete at once while the socket has room) runs on this thread and then waits again, so a booking
/// costs one wake-up of one thread and no spinning. A writer that blocks (a slow disk) delays the writers
/// due after it on this thread; the cap's schedule is virtual, so they catch up within its burst.
/// The thread exits after <see cref="DefaultIdleExitMilliseconds"/> without waits and starts again on demand.
/// </remarks>
internal sealed class PacingTimer
{
    /// <summary>How long the thread stays without waits before it exits, by default.</summary>
    internal const int DefaultIdleExitMilliseconds = 10_000;

    private readonly object _lock = new();

    // Due waits in order of due time (ticks of Stopwatch), then of arrival.
    private readonly SortedDictionary<WaitKey, PacingWait> _waits = new();
    private readonly string _threadName;
    private readonly int _idleExitMilliseconds;
    private long _arrivals;
    private long _wakeUps;
    private Thread? _thread;

    public PacingTimer(string threadName, int idleExitMilliseconds = DefaultIdleExitMilliseconds)
    {
        _threadName = threadName;
        _idleExitMilliseconds = idleExitMilliseconds;
    }

    /// <summary>How many times the thread woke up and released waits (each time every wait that was due).</summary>
    public long WakeUps => Interlocked.Read(ref _wakeUps);

    /// <summary>True while the timer's thread exists.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_lock)
            {
                return _thread is not null;
            }
        }
    }

    /// <summary>Waits not yet released or cancelled.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _waits.Count;
            }
        }
    }

    /// <summary>The timer that the real pacing clock uses (one thread for the whole process).</summary>
    public static PacingTimer Shared { get; } = new("OSS pacing");

    /// <summary>Waits at least <paramref name="delay"/>; the continuation runs on the timer's thread.</summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        return DelayUntilAsync(Stopwatch.GetTimestamp() + (long)Math.Ceiling(delay.TotalSeconds * Stopwatch.Frequency), cancellationToken);
    }

    /// <summary>Waits until <see cref="Stopwatch.GetTimestamp"/> reaches <paramref name="due"/>; the continuation runs on the timer's thread.</summary>
    internal Task DelayUntilAsync(long due, CancellationToken cancellationToken)
    {
        var wait = new PacingWait();

        // Registered before the wait is queued, so that the timer thread never sees it half set up.
        if (cancellationToken.CanBeCanceled)
        {
            wait.Registration = cancellationToken.Register(() => Cancel(wait, cancellationToken));
        }

        lock (_lock)
        {
            if (wait.Task.IsCompleted)
            {
                // Cancelled while registering.
                return wait.Task;
            }

            wait.Key = new WaitKey(due, _arrivals++);
            _waits.Add(wait.Key, wait);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = _threadName };
                _thread.Start();
            }
            else if (FirstDue() == due)
            {
                // Due before what the thread sleeps for; a later wait needs no wake-up (one per booking saved).
                Monitor.Pulse(_lock);
            }
        }

        return wait.Task;
    }

    private void Cancel(PacingWait wait, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_waits.TryGetValue(wait.Key, out PacingWait? queued) && ReferenceEquals(queued, wait))
            {
                _waits.Remove(wait.Key);
            }
        }

        wait.TrySetCanceled(cancellationToken);
    }

    private void Run()
    {
        var due = new List<PacingWait>();
        while (TakeDue(due))
        {
            // Outside the lock: a continuation books and waits again (DelayAsync takes the lock).
            foreach (PacingWait wait in due)
            {
                wait.Registration.Dispose();
                wait.TrySetResult(true);
            }

            due.Clear();
        }
    }

    // Sleeps until at least one wait is due and moves every due wait to 'due'; false when the thread should
    // exit (idle for the idle-exit time).
    private bool TakeDue(List<PacingWait> due)
    {
        lock (_lock)
        {
            while (true)
            {
                if (_waits.Count == 0)
                {
                    if (!Monitor.Wait(_lock, _idleExitMilliseconds) && _waits.Count == 0)
                    {
                        _thread = null;
                        return false;
                    }

                    continue;
                }

                long now = Stopwatch.GetTimestamp();
                foreach (KeyValuePair<WaitKey, PacingWait> entry in _waits)
                {
                    if (entry.Key.Due > now)
                    {
                        break;
                    }

                    due.Add(entry.Value);
                }

                if (due.Count > 0)
                {
                    foreach (PacingWait wait in due)
                    {
                        _waits.Remove(wait.Key);
                    }

                    Interlocked.Increment(ref _wakeUps);
                    return true;
                }

                long first = FirstDue();
                int milliseconds = (int)Math.Min(int.MaxValue, Math.Ceiling((first - now) * 1000.0 / Stopwatch.Frequency));
                Monitor.Wait(_lock, Math.Max(1, milliseconds));
            }
        }
    }

    private long FirstDue()
    {
        foreach (WaitKey key in _waits.Keys)
        {
            return key.Due;
        }

        return long.MaxValue;
    }

    // Continuations run synchronously (no RunContinuationsAsynchronously): on this thread, which is the point.
    private sealed class PacingWait : TaskCompletionSource<bool>
    {
        public WaitKey Key { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }

    private readonly struct WaitKey : IComparable<WaitKey>
    {
        public WaitKey(long due, long arrival)
        {
            Due = due;
            Arrival = arrival;
        }

        public long Due { get; }

        public long Arrival { get; }

        public int CompareTo(WaitKey other) =>
            Due != other.Due ? Due.CompareTo(other.Due) : Arrival.CompareTo(other.Arrival);
    }
}
