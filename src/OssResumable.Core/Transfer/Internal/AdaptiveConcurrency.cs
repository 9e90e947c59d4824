using System;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// The decisions of <c>-Threads Auto</c>: how many data requests may be in flight, from the goodput
/// measured over windows of completed requests. Goodput is estimated by Little's law: the requests in
/// flight times the bytes of the requests that completed in the window over their time (each one's from
/// getting its slot to its answer). Completed requests are what the link carried: bytes written to
/// a socket are not (they fill its send buffer, up to 4 MiB on Linux, at memory speed), and a request's
/// own rate does not depend on when in the cycle of parts that start and finish together a window falls.
/// Only requests that got their slot after the last change count, so each window measures one limit.
/// Pure logic on a clock given by the caller, so it is tested with a simulated link.
/// <list type="bullet">
/// <item><b>Starting</b>: before anything is measured, an upload that has many parts to send lifts the limit
/// to that many, at most <see cref="MaxStart"/> and one per <see cref="RoundTripSecondsPerStartingRequest"/> of
/// its first control request's time (<see cref="OnWorkOffered"/>): measuring needs completed requests, a part
/// takes seconds on a far link, and a big file would be largely sent before a few doublings from a small start;
/// but a connection carries about its window per round trip, so a near link needs few connections and starts
/// at the initial limit. Many small files, where requests complete quickly, start small and grow. A wide start's
/// first judged window does not double it: the policy holds there (see Holding), first probing down.</item>
/// <item><b>Growing</b> (like TCP slow start): the limit doubles after every window in which goodput rose
/// by at least <see cref="GrowthThreshold"/> over the best so far; when it stops rising, the limit goes
/// back to the last one that helped, and holds.</item>
/// <item><b>Holding</b> (hill climbing): every <see cref="WindowsBetweenProbes"/> windows one probe, up
/// (+25 %, kept if goodput rises by <see cref="ProbeGain"/>) or down (−25 %, halving after a down-probe that
/// was kept; kept if goodput stays within <see cref="ProbeLoss"/>: the same with fewer connections is better).
/// A probe that was kept is followed by one in the same direction, one that was undone by one in the other;
/// the first after growing is down.</item>
/// <item><b>Throttled</b> (503, SlowDown, a reset connection): the limit halves at once and no up-probe
/// follows for <see cref="WindowsAfterThrottling"/> windows.</item>
/// </list>
/// A window ends when at least <see cref="MinWindowSeconds"/> have passed and enough requests of the
/// current limit completed (half the limit, at least 1, at most <see cref="MaxRequestsPerWindow"/>); a
/// window in which fewer requests wanted to run than allowed is not judged (it would measure the work
/// left, not the link).
/// </summary>
internal sealed class AdaptiveConcurrency
{
    public const double MinWindowSeconds = 0.25;
    public const double GrowthThreshold = 0.10;
    public const double ProbeGain = 0.05;
    public const double ProbeLoss = 0.05;
    public const int WindowsBetweenProbes = 3;
    public const int WindowsAfterThrottling = 4;
    public const int MaxRequestsPerWindow = 8;

    /// <summary>
    /// A wide start allows one request per this much of the first control request's time (2 ms: 40 at 80 ms, the
    /// first request to a region 40 ms away over a new connection; 128 from 256 ms; the initial limit on a LAN).
    /// </summary>
    public const double RoundTripSecondsPerStartingRequest = 0.002;

    private readonly int _ceiling;
    private readonly int _maxStart;
    private bool _measured;
    private bool _startedWide;
    private Phase _phase = Phase.Growing;
    private double _windowStart;
    private double _changedAt;
    private int _windowRequests;
    private double _windowBytes;
    private double _windowSeconds;
    private bool _windowUnderused;
    private double _best;
    private int _bestLimit;
    private int _heldLimit;
    private int _windowsHeld;
    private int _quietWindows;
    private bool _nextProbeUp = true;
    private bool _downProbeKept;

    /// <summary>A policy that is never lifted by <see cref="OnWorkOffered"/> (it starts at <paramref name="initial"/>).</summary>
    public AdaptiveConcurrency(int initial, int ceiling, double now)
        : this(initial, ceiling, initial, now)
    {
    }

    /// <summary>A policy that starts at <paramref name="initial"/> and may be lifted up to <paramref name="maxStart"/> before its first measurement.</summary>
    public AdaptiveConcurrency(int initial, int ceiling, int maxStart, double now)
    {
        if (ceiling < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ceiling), ceiling, "The ceiling must be at least 1.");
        }

        _ceiling = ceiling;
        Limit = Math.Max(1, Math.Min(initial, ceiling));
        _maxStart = Math.Max(Limit, Math.Min(maxStart, ceiling));
        _windowStart = now;
        _changedAt = double.NegativeInfinity;
    }

    private enum Phase
    {
        Growing,
        Holding,
        Probing,
    }

    /// <summary>Requests allowed in flight now.</summary>
    public int Limit { get; private set; }

    /// <summary>The most requests ever allowed in flight.</summary>
    public int Ceiling => _ceiling;

    /// <summary>Goodput of the last judged window, bytes per second (0 before the first).</summary>
    public double LastRate { get; private set; }

    /// <summary>The most requests <see cref="OnWorkOffered"/> may allow before the first measurement.</summary>
    public int MaxStart => _maxStart;

    /// <summary>
    /// An upload has <paramref name="requests"/> data requests that could run at once. Before the first judged
    /// window (and any throttling) the limit rises to that many, at most <see cref="MaxStart"/> and, when the
    /// upload's first control request took <paramref name="roundTripSeconds"/>, at most one per
    /// <see cref="RoundTripSecondsPerStartingRequest"/> of it; afterwards the measurements decide.
    /// </summary>
    /// <returns>True when <see cref="Limit"/> changed.</returns>
    public bool OnWorkOffered(int requests, double? roundTripSeconds, double now)
    {
        int target = Math.Min(_maxStart, requests);
        if (roundTripSeconds is double seconds)
        {
            target = Math.Min(target, (int)Math.Min(int.MaxValue, Math.Ceiling(seconds / RoundTripSecondsPerStartingRequest)));
        }

        if (_measured || target <= Limit)
        {
            return false;
        }

        _startedWide = true;
        return SetLimit(target, now);
    }

    /// <summary>A request that got its slot at <paramref name="grantedAt"/> completed now, having sent <paramref name="bytes"/>.</summary>
    /// <param name="grantedAt">When it got its slot (the clock, seconds).</param>
    /// <param name="bytes">Bytes it carried (a failed request: 0).</param>
    /// <param name="now">The clock, seconds.</param>
    /// <param name="underused">True when fewer requests wanted to run than <see cref="Limit"/> allows.</param>
    /// <returns>True when <see cref="Limit"/> changed.</returns>
    public bool OnRequestFinished(double grantedAt, long bytes, double now, bool underused)
    {
        _windowUnderused |= underused;
        double seconds = now - grantedAt;
        if (bytes <= 0 || seconds <= 0 || grantedAt < _changedAt)
        {
            // Failed, or started under another limit: says nothing of this one.
            return false;
        }

        _windowRequests++;
        _windowBytes += bytes;
        _windowSeconds += seconds;
        if (now - _windowStart < MinWindowSeconds || _windowRequests < Math.Min(MaxRequestsPerWindow, Math.Max(1, Limit / 2)))
        {
            return false;
        }

        // Little's law: in flight × bytes per request ÷ time per request (a ratio of sums, so that a few quick
        // requests do not outweigh the slow ones).
        double goodput = Limit * _windowBytes / _windowSeconds;
        bool judged = !_windowUnderused;
        StartWindow(now);
        return judged && Judge(goodput, now);
    }

    /// <summary>OSS asked us to slow down (503, SlowDown) or a connection was reset.</summary>
    /// <returns>True when <see cref="Limit"/> changed.</returns>
    public bool OnThrottled(double now)
    {
        if (_quietWindows == WindowsAfterThrottling && _windowRequests == 0)
        {
            // Already backed off for this episode: the answers still arriving are from before.
            return false;
        }

        _measured = true;
        _phase = Phase.Holding;
        _best = 0;
        _quietWindows = WindowsAfterThrottling;
        _windowsHeld = 0;
        return SetLimit(Math.Max(1, Limit / 2), now);
    }

    private bool Judge(double rate, double now)
    {
        _measured = true;
        LastRate = rate;
        switch (_phase)
        {
            case Phase.Growing when _best == 0 && _startedWide:
                // A wide start is already the guess of what the link needs (from its round trip): its first
                // window is not a reason to double. Doubling it would open twice the connections on a link the
                // round trip misjudged (a loaded machine, a cold server), and the parts of a big file would be
                // largely sent before a judged window undid it. It holds, and hill-climbs from there, first down
                // (as after growing stopped: a down-probe at once cost a far link a fifth of its throughput).
                _best = rate;
                _bestLimit = Limit;
                HoldProbingDownFirst();
                return false;

            case Phase.Growing:
                if (_best == 0 || rate >= _best * (1 + GrowthThreshold))
                {
                    _best = rate;
                    _bestLimit = Limit;
                    if (Limit < _ceiling)
                    {
                        return SetLimit(Math.Min(_ceiling, Limit * 2), now);
                    }

                    _phase = Phase.Holding;
                    return false;
                }

                // Stopped rising: back to the last limit that helped, then hill-climb from there, first down
                // (if even that one was more than the link needs, fewer requests carry the same).
                HoldProbingDownFirst();
                return SetLimit(_bestLimit, now);

            case Phase.Probing:
                bool keep = Limit > _heldLimit ? rate >= _best * (1 + ProbeGain) : rate >= _best * (1 - ProbeLoss);
                _phase = Phase.Holding;
                _windowsHeld = 0;
                if (keep)
                {
                    // A probe that worked is tried again in the same direction next time.
                    _nextProbeUp = Limit > _heldLimit;
                    _downProbeKept = Limit < _heldLimit;
                    _best = rate;
                    return false;
                }

                _nextProbeUp = Limit < _heldLimit;
                _downProbeKept = false;
                return SetLimit(_heldLimit, now);

            default:
                // Holding: the goodput at this limit is the reference for the next probe.
                _best = rate;
                if (_quietWindows > 0)
                {
                    _quietWindows--;
                }

                if (++_windowsHeld < WindowsBetweenProbes)
                {
                    return false;
                }

                return Probe(now);
        }
    }

    // Growing ends here: hold the limit, and make the first probe a step down.
    private void HoldProbingDownFirst()
    {
        _phase = Phase.Holding;
        _windowsHeld = 0;
        _nextProbeUp = false;
    }

    private bool Probe(double now)
    {
        bool up = _nextProbeUp && _quietWindows == 0;
        int down = _downProbeKept ? Limit / 2 : Limit - Math.Max(1, Limit / 4);
        int target = up ? Math.Min(_ceiling, Limit + Math.Max(1, Limit / 4)) : Math.Max(1, down);
        if (target == Limit)
        {
            _windowsHeld = 0;
            return false;
        }

        _heldLimit = Limit;
        _phase = Phase.Probing;
        return SetLimit(target, now);
    }

    private bool SetLimit(int limit, double now)
    {
        StartWindow(now);
        _changedAt = now;
        if (limit == Limit)
        {
            return false;
        }

        Limit = limit;
        return true;
    }

    private void StartWindow(double now)
    {
        _windowStart = now;
        _windowRequests = 0;
        _windowBytes = 0;
        _windowSeconds = 0;
        _windowUnderused = false;
    }
}
