using System;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// The decisions of <c>-Threads Auto</c>: how many data requests may be in flight, from the goodput
/// measured over windows of time (bytes written to the connections; a part's bytes are only written as
/// fast as the link takes them). Pure logic on a clock given by the caller, so it is tested with a
/// simulated link.
/// <list type="bullet">
/// <item><b>Growing</b> (like TCP slow start): the limit doubles after every window in which goodput rose
/// by at least <see cref="GrowthThreshold"/> over the best so far; when it stops rising, the limit goes
/// back to the last one that helped, and holds.</item>
/// <item><b>Holding</b> (hill climbing): every <see cref="WindowsBetweenProbes"/> windows one probe, up
/// (+25 %, kept if goodput rises by <see cref="ProbeGain"/>) or down (−25 %, halving after a down-probe that
/// was kept; kept if goodput stays within <see cref="ProbeLoss"/>: the same with fewer connections is better). A probe that was kept is followed
/// by one in the same direction, one that was undone by one in the other; the first after growing is down.</item>
/// <item><b>Throttled</b> (503, SlowDown, a reset connection): the limit halves at once and no up-probe
/// follows for <see cref="WindowsAfterThrottling"/> windows.</item>
/// </list>
/// After every change the first window is not measured: the new requests are still opening connections
/// and ramping up, and their first bytes fill the sockets' send buffers at memory speed (up to 4 MiB each
/// on Linux), which would read as a burst of goodput the link never carried. A window in which fewer requests wanted to run than allowed is not judged (it would
/// measure the work left, not the link). Windows last at least <see cref="MinWindowSeconds"/>, twice
/// the time a request takes to start sending (connection, handshake, <c>100 Continue</c>) and one whole
/// request, so a far link is judged over its own round trips.
/// </summary>
internal sealed class AdaptiveConcurrency
{
    public const double MinWindowSeconds = 0.25;
    public const double GrowthThreshold = 0.10;
    public const double ProbeGain = 0.05;
    public const double ProbeLoss = 0.03;
    public const int WindowsBetweenProbes = 3;
    public const int WindowsAfterThrottling = 4;

    private readonly int _ceiling;
    private Phase _phase = Phase.Growing;
    private double _windowStart;
    private bool _settling;
    private long _windowBytes;
    private bool _windowUnderused;
    private double _startLatency;
    private double _requestSeconds;
    private double _best;
    private int _bestLimit;
    private int _heldLimit;
    private int _windowsHeld;
    private int _quietWindows;
    private bool _nextProbeUp = true;
    private bool _downProbeKept;

    public AdaptiveConcurrency(int initial, int ceiling, double now)
    {
        if (ceiling < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ceiling), ceiling, "The ceiling must be at least 1.");
        }

        _ceiling = ceiling;
        Limit = Math.Max(1, Math.Min(initial, ceiling));
        _windowStart = now;
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

    /// <summary>
    /// Length of a window now, seconds: at least <see cref="MinWindowSeconds"/>, twice the time a request takes
    /// to start sending and the time a whole request takes (parts that start together finish together, and a
    /// window shorter than a part would measure where in that cycle it fell, not the link).
    /// </summary>
    public double WindowSeconds => Math.Max(MinWindowSeconds, Math.Max(2 * _startLatency, _requestSeconds));

    /// <summary>A request took <paramref name="seconds"/> from getting its slot to sending its first byte.</summary>
    public void OnRequestStarted(double seconds)
    {
        // Smoothed, so that one slow handshake does not stretch every window.
        _startLatency = _startLatency == 0 ? seconds : (0.8 * _startLatency) + (0.2 * seconds);
    }

    /// <summary>A request that sent bytes ended <paramref name="seconds"/> after it got its slot.</summary>
    public void OnRequestFinished(double seconds)
    {
        _requestSeconds = _requestSeconds == 0 ? seconds : (0.8 * _requestSeconds) + (0.2 * seconds);
    }

    /// <summary>Bytes were written; judges the window when it is over.</summary>
    /// <param name="bytes">Bytes written (positive).</param>
    /// <param name="now">The clock, seconds.</param>
    /// <param name="underused">True when fewer requests wanted to run than <see cref="Limit"/> allows.</param>
    /// <returns>True when <see cref="Limit"/> changed.</returns>
    public bool OnBytes(long bytes, double now, bool underused)
    {
        _windowBytes += bytes;
        _windowUnderused |= underused;
        double elapsed = now - _windowStart;
        if (elapsed < WindowSeconds)
        {
            return false;
        }

        double rate = _windowBytes / elapsed;
        bool judged = !_settling && !_windowUnderused;
        StartWindow(now, settling: false);
        return judged && Judge(rate, now);
    }

    /// <summary>OSS asked us to slow down (503, SlowDown) or a connection was reset.</summary>
    /// <returns>True when <see cref="Limit"/> changed.</returns>
    public bool OnThrottled(double now)
    {
        if (_settling && _quietWindows > 0)
        {
            // Already backed off for this episode: the answers still arriving are from before.
            return false;
        }

        _phase = Phase.Holding;
        _best = 0;
        _quietWindows = WindowsAfterThrottling;
        _windowsHeld = 0;
        return SetLimit(Math.Max(1, Limit / 2), now);
    }

    private bool Judge(double rate, double now)
    {
        LastRate = rate;
        switch (_phase)
        {
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
                _phase = Phase.Holding;
                _windowsHeld = 0;
                _nextProbeUp = false;
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
        StartWindow(now, settling: true);
        if (limit == Limit)
        {
            return false;
        }

        Limit = limit;
        return true;
    }

    private void StartWindow(double now, bool settling)
    {
        _windowStart = now;
        _windowBytes = 0;
        _windowUnderused = false;
        _settling = settling;
    }
}
