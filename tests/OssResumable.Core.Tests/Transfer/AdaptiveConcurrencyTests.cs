using System;
using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Tests.Transfer;

public class AdaptiveConcurrencyTests
{
    private const double MB = 1_000_000;

    [Fact]
    public void OnBytes_FarLinkWherePartsInFlightAddUp_GrowsPastWhatFillsTheTotal()
    {
        // 16 MB/s per connection, 400 MB/s in all: 25 in flight fill it.
        var link = new SimulatedLink(perConnection: 16 * MB, total: 400 * MB, startDelay: 0.2, requestSeconds: 0.6);
        AdaptiveConcurrency policy = link.Run(seconds: 30);

        Assert.InRange(policy.Limit, 24, 64);
        Assert.True(link.RateAt(policy.Limit) >= 0.9 * 400 * MB);
    }

    [Fact]
    public void OnBytes_FarLinkWithSlowConnections_ReachesTheCeiling()
    {
        // 4 MB/s per connection: even 64 in flight carry only 256 of 400 MB/s.
        var link = new SimulatedLink(perConnection: 4 * MB, total: 400 * MB, startDelay: 0.45, requestSeconds: 2.2);
        AdaptiveConcurrency policy = link.Run(seconds: 30);

        Assert.Equal(64, policy.Limit);
    }

    [Fact]
    public void OnBytes_OneConnectionFillsTheLink_SettlesAtOneOrTwo()
    {
        var link = new SimulatedLink(perConnection: 100 * MB, total: 100 * MB, startDelay: 0.01, requestSeconds: 0.1);
        AdaptiveConcurrency policy = link.Run(seconds: 60);

        Assert.InRange(policy.Limit, 1, 2);
        Assert.True(link.MaxLimit <= 8, "grew to " + link.MaxLimit);
    }

    [Fact]
    public void OnBytes_FastFarLink_ReachesMostOfTheTotalWithinSevenRequestTimes()
    {
        var link = new SimulatedLink(perConnection: 16 * MB, total: 400 * MB, startDelay: 0.1, requestSeconds: 0.6);
        link.Run(seconds: 7 * 0.6);

        Assert.True(link.RateAt(link.Policy.Limit) >= 0.8 * 400 * MB, "limit " + link.Policy.Limit);
    }

    [Fact]
    public void OnBytes_UnderusedWindows_AreNotJudged()
    {
        var policy = new AdaptiveConcurrency(initial: 4, ceiling: 64, now: 0);
        for (int step = 1; step <= 1000; step++)
        {
            policy.OnBytes(1_000_000, step * 0.01, underused: true);
        }

        Assert.Equal(4, policy.Limit);
    }

    [Fact]
    public void OnThrottled_HalvesAtOnceAndOnlyOncePerEpisode()
    {
        var link = new SimulatedLink(perConnection: 16 * MB, total: 400 * MB, startDelay: 0.1, requestSeconds: 0.6);
        link.Run(seconds: 10);
        int before = link.Policy.Limit;

        Assert.True(link.Policy.OnThrottled(link.Now));
        Assert.False(link.Policy.OnThrottled(link.Now + 0.01));

        Assert.Equal(Math.Max(1, before / 2), link.Policy.Limit);
    }

    [Fact]
    public void OnThrottled_RepeatedEpisodes_GoDownToOne()
    {
        var policy = new AdaptiveConcurrency(initial: 64, ceiling: 64, now: 0);
        double now = 0;
        for (int i = 0; i < 10; i++)
        {
            policy.OnThrottled(now);
            now += 1;
            policy.OnBytes(1, now, underused: false);
        }

        Assert.Equal(1, policy.Limit);
    }

    /// <summary>
    /// A link where each request in flight carries the per-connection rate, together at most the total; a
    /// request allowed by a raise starts carrying only after <c>startDelay</c> (connection, handshake).
    /// </summary>
    private sealed class SimulatedLink
    {
        private const double Step = 0.01;
        private readonly double _perConnection;
        private readonly double _total;
        private readonly double _startDelay;
        private readonly double _requestSeconds;

        public SimulatedLink(double perConnection, double total, double startDelay, double requestSeconds)
        {
            _requestSeconds = requestSeconds;
            _perConnection = perConnection;
            _total = total;
            _startDelay = startDelay;
            Policy = new AdaptiveConcurrency(initial: 4, ceiling: 64, now: Now);
        }

        public AdaptiveConcurrency Policy { get; }

        public double Now { get; private set; }

        public int MaxLimit { get; private set; }

        public double RateAt(int inFlight) => Math.Min(_total, inFlight * _perConnection);

        public AdaptiveConcurrency Run(double seconds)
        {
            int carrying = Policy.Limit;
            double raisedAt = double.NegativeInfinity;
            double end = Now + seconds;
            while (Now < end)
            {
                Now += Step;
                if (Policy.Limit < carrying)
                {
                    carrying = Policy.Limit;
                }
                else if (Policy.Limit > carrying && Now - raisedAt >= _startDelay)
                {
                    carrying = Policy.Limit;
                }

                Policy.OnRequestStarted(_startDelay);
                Policy.OnRequestFinished(_requestSeconds);
                int before = Policy.Limit;
                Policy.OnBytes((long)(RateAt(carrying) * Step), Now, underused: false);
                if (Policy.Limit > before)
                {
                    raisedAt = Now;
                }

                MaxLimit = Math.Max(MaxLimit, Policy.Limit);
            }

            return Policy;
        }
    }
}
