using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Protocol.Internal;
using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Transfer;

/// <summary>
/// A concurrency budget shared by uploads: at most <see cref="CurrentLimit"/> data requests (PutObject
/// and UploadPart) run at once across every upload that uses this throttle, whatever each file's own
/// thread count. Share one instance when uploading many files at once, so that a pipeline of thousands
/// of small files runs in parallel without overrunning the link. Small control requests (Initiate,
/// ListParts, Complete, HEAD, Abort) do not take a slot.
/// <para>
/// Fixed (<see cref="TransferThrottle(int)"/>): the limit is the given count. Adaptive
/// (<see cref="Adaptive()"/>, <c>-Threads Auto</c>): the limit starts at <see cref="AdaptiveInitialConcurrency"/>
/// and follows the measured goodput between 1 and <see cref="MaxConcurrency"/> (see docs/engine.md,
/// "Adaptive concurrency"); give the uploads a thread count of <see cref="MaxConcurrency"/> so that
/// they can use what it allows.
/// </para>
/// </summary>
public sealed class TransferThrottle
{
    /// <summary>Largest accepted <see cref="MaxConcurrency"/>.</summary>
    public const int MaxAllowedConcurrency = 1024;

    /// <summary>Data requests an <see cref="Adaptive()"/> throttle allows at first.</summary>
    public const int AdaptiveInitialConcurrency = 8;

    /// <summary>
    /// The most data requests an <see cref="Adaptive()"/> throttle allows before its first measurement: a multipart
    /// upload with that many parts or more, on a link whose round trip is long enough, starts with that many in flight (see docs/engine.md, "Adaptive concurrency").
    /// </summary>
    public const int AdaptiveMaxStartConcurrency = 128;

    private readonly object _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly AdaptiveConcurrency? _adaptive;
    private readonly IPacingClock _clock;
    private readonly IProcessorClock _processor;
    private int _limit;
    private int _inUse;

    /// <summary>Creates a fixed throttle.</summary>
    /// <param name="maxConcurrency">Data requests allowed at once, 1 to 1024. Keep it at most the client's <c>MaxConnectionsPerServer</c>.</param>
    public TransferThrottle(int maxConcurrency)
    {
        ValidateConcurrency(maxConcurrency, nameof(maxConcurrency));
        MaxConcurrency = maxConcurrency;
        _limit = maxConcurrency;
        _clock = SystemPacingClock.Instance;
        _processor = SystemProcessorClock.Instance;
    }

    private TransferThrottle(int initial, int ceiling, int maxStart, IPacingClock clock, IProcessorClock processor)
    {
        ValidateConcurrency(ceiling, nameof(ceiling));
        MaxConcurrency = ceiling;
        _clock = clock;
        _processor = processor;
        _adaptive = new AdaptiveConcurrency(initial, ceiling, maxStart, clock.NowSeconds);
        _limit = _adaptive.Limit;
    }

    /// <summary>
    /// Raised (from a worker thread, outside any lock; must be quick) when an adaptive throttle changes
    /// <see cref="CurrentLimit"/>, with the new limit and the goodput that led to it (bytes per second).
    /// </summary>
    public event Action<int, double>? LimitChanged;

    /// <summary>Data requests ever allowed at once (the ceiling of an adaptive throttle).</summary>
    public int MaxConcurrency { get; }

    /// <summary>Data requests allowed at once now (<see cref="MaxConcurrency"/> for a fixed throttle).</summary>
    public int CurrentLimit => Volatile.Read(ref _limit);

    /// <summary>True for <see cref="Adaptive()"/>.</summary>
    public bool IsAdaptive => _adaptive is not null;

    /// <summary>Slots currently taken.</summary>
    public int InUse => Volatile.Read(ref _inUse);

    /// <summary>
    /// An adaptive throttle (<c>-Threads Auto</c>): starts at <see cref="AdaptiveInitialConcurrency"/> requests
    /// in flight, or, for a multipart upload with many parts on a far link, at its part count up to
    /// <see cref="AdaptiveMaxStartConcurrency"/> (one part per 2 ms of its first control request), and never exceeds <see cref="UploadLimits.MaxThreads"/> (the
    /// client's default connection limit; parts stream from the file, so memory is a 128 KiB buffer per request
    /// in flight whatever the part size).
    /// </summary>
    /// <returns>The throttle.</returns>
    public static TransferThrottle Adaptive() => Adaptive(AdaptiveMaxStartConcurrency);

    /// <summary>
    /// An adaptive throttle whose start for a multipart upload is at most <paramref name="maxStart"/> (from
    /// <see cref="AdaptiveInitialConcurrency"/>, which it keeps if smaller; to compare starts in benchmarks).
    /// </summary>
    /// <param name="maxStart">The most requests in flight before the first measurement, 1 to 1024 (above <see cref="UploadLimits.MaxThreads"/> means that ceiling).</param>
    /// <returns>The throttle.</returns>
    public static TransferThrottle Adaptive(int maxStart) => Adaptive(maxStart, SystemProcessorClock.Instance);

    /// <summary><see cref="Adaptive(int)"/> timing its start against a given processor clock (tests: a platform that does not report it).</summary>
    internal static TransferThrottle Adaptive(int maxStart, IProcessorClock processor)
    {
        ValidateConcurrency(maxStart, nameof(maxStart));
        return new(Math.Min(AdaptiveInitialConcurrency, maxStart), UploadLimits.MaxThreads, maxStart, SystemPacingClock.Instance, processor);
    }

    /// <summary>An adaptive throttle on a given clock (tests).</summary>
    internal static TransferThrottle Adaptive(int initial, int ceiling, IPacingClock clock) => new(initial, ceiling, initial, clock, SystemProcessorClock.Instance);

    /// <summary>An adaptive throttle on a given clock that a multipart upload may lift up to <paramref name="maxStart"/> (tests).</summary>
    internal static TransferThrottle Adaptive(int initial, int ceiling, int maxStart, IPacingClock clock) => new(initial, ceiling, maxStart, clock, SystemProcessorClock.Instance);

    /// <summary>An adaptive throttle on given clocks, wall-clock and processor time, that a multipart upload may lift up to <paramref name="maxStart"/> (tests).</summary>
    internal static TransferThrottle Adaptive(int initial, int ceiling, int maxStart, IPacingClock clock, IProcessorClock processor) => new(initial, ceiling, maxStart, clock, processor);

    /// <summary>Waits for a free slot. Dispose the returned lease to give the slot back (disposing twice is harmless).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The lease.</returns>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken) =>
        await AcquireSlotAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Waits for a free slot; the slot also reports its request's bytes to an adaptive throttle.</summary>
    internal Task<TransferSlot> AcquireSlotAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_lock)
        {
            if (_inUse < _limit && _waiters.Count == 0)
            {
                _inUse++;
                return Task.FromResult(new TransferSlot(this, _clock.NowSeconds));
            }

            waiter = new Waiter();
            waiter.Node = _waiters.AddLast(waiter);
        }

        return WaitAsync(waiter, cancellationToken);
    }

    /// <summary>A data request that got its slot at <paramref name="grantedAt"/> ended, having carried <paramref name="bytes"/> (0 if it failed).</summary>
    internal void OnRequestFinished(double grantedAt, long bytes)
    {
        if (_adaptive is null)
        {
            return;
        }

        bool changed;
        lock (_lock)
        {
            // This request's slot is still counted: "underused" means others could have run and none wanted to.
            bool underused = _inUse < _limit && _waiters.Count == 0;
            changed = _adaptive.OnRequestFinished(grantedAt, bytes, _clock.NowSeconds, underused);
        }

        if (changed)
        {
            ApplyLimit();
        }
    }

    /// <summary>
    /// An upload has <paramref name="requests"/> data requests that could run at once, and its first control request
    /// took <paramref name="roundTripSeconds"/> (null: not measured); lets an adaptive throttle start wide on a far link.
    /// </summary>
    internal void OnWorkOffered(int requests, double? roundTripSeconds)
    {
        if (_adaptive is null)
        {
            return;
        }

        bool changed;
        lock (_lock)
        {
            changed = _adaptive.OnWorkOffered(requests, roundTripSeconds, _clock.NowSeconds);
        }

        if (changed)
        {
            ApplyLimit();
        }
    }

    /// <summary>A data request is about to be retried; an adaptive throttle backs off on throttling answers and resets.</summary>
    internal void OnRetry(OssRetryNotice notice)
    {
        if (_adaptive is null || !IsThrottling(notice.Exception))
        {
            return;
        }

        bool changed;
        lock (_lock)
        {
            changed = _adaptive.OnThrottled(_clock.NowSeconds);
        }

        if (changed)
        {
            ApplyLimit();
        }
    }

    internal void Release()
    {
        Waiter? next;
        lock (_lock)
        {
            _inUse--;
            next = TakeNextWaiter();
        }

        next?.Grant(this);
    }

    internal double Now => _clock.NowSeconds;

    /// <summary>Starts timing a control request as the wait for the network, on this throttle's clocks (wall-clock and processor time).</summary>
    internal NetworkWaitTimer StartNetworkWaitTimer() => NetworkWaitTimer.Start(_clock, _processor);

    // OSS's "slow down" answers, and failures of the connection itself (a reset, a timeout): what a
    // congested or protecting server does. Ordinary errors (403, 404, a bad digest) say nothing of load.
    private static bool IsThrottling(OssException exception) => exception switch
    {
        OssServiceException service => service.StatusCode is 429 or 503 || service.ErrorCode is "SlowDown" or "ServiceUnavailable" or "RequestTimeout",
        OssTransportException => true,
        _ => false,
    };

    private static void ValidateConcurrency(int value, string name)
    {
        if (value < 1 || value > MaxAllowedConcurrency)
        {
            throw new ArgumentOutOfRangeException(name, value, "The concurrency must be between 1 and 1024.");
        }
    }

    private void ApplyLimit()
    {
        var granted = new List<Waiter>();
        int limit;
        double rate;
        lock (_lock)
        {
            _limit = _adaptive!.Limit;
            limit = _limit;
            rate = _adaptive.LastRate;
            while (TakeNextWaiter() is { } waiter)
            {
                granted.Add(waiter);
            }
        }

        foreach (Waiter waiter in granted)
        {
            waiter.Grant(this);
        }

        try
        {
            LimitChanged?.Invoke(limit, rate);
        }
#pragma warning disable CA1031 // An observer's failure must not break the uploads.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    // Called under the lock: the first waiter, with its slot taken, if one is free.
    private Waiter? TakeNextWaiter()
    {
        while (_inUse < _limit && _waiters.First is { } node)
        {
            _waiters.RemoveFirst();
            node.Value.Node = null;
            if (node.Value.TryClaim())
            {
                _inUse++;
                return node.Value;
            }
        }

        return null;
    }

    private async Task<TransferSlot> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(() => Cancel(waiter)))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    private void Cancel(Waiter waiter)
    {
        lock (_lock)
        {
            if (!waiter.TryClaim())
            {
                return;
            }

            if (waiter.Node is not null)
            {
                _waiters.Remove(waiter.Node);
                waiter.Node = null;
            }
        }

        waiter.Cancel();
    }

    private sealed class Waiter
    {
        private readonly TaskCompletionSource<TransferSlot> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _claimed;

        public LinkedListNode<Waiter>? Node { get; set; }

        public Task<TransferSlot> Task => _completion.Task;

        public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

        public void Grant(TransferThrottle throttle) => _completion.SetResult(new TransferSlot(throttle, throttle.Now));

        public void Cancel() => _completion.SetCanceled();
    }
}
