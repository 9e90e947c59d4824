using System;
using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Tests.Transfer;

public class AdaptiveConcurrencyTests
{
    private const double MB = 1_000_000;
    private const long Part = 8 * 1024 * 1024;

    [Fact]
    public void OnRequestFinished_FarLinkWherePartsInFlightAddUp_GrowsToWhatFillsTheTotal()
    {
        // 16 MB/s per connection, 400 MB/s in all: 25 in flight fill it.
        var link = new SimulatedLink(perConnection: 16 * MB, total: 400 * MB, startDelay: 0.12);
        link.Run(seconds: 60);

        Assert.True(link.MaxLimit >= 32, "grew to " + link.MaxLimit);
        Assert.True(link.CarriedSince(30) >= 0.85 * 400 * MB, "carried " + link.CarriedSince(30) / MB + " MB/s");
    }

    [Fact]
    public void OnRequestFinished_FarLinkWithSlowConnections_GrowsBeyondSixtyFourToFillTheTotal()
    {
        // 4 MB/s per connection: 100 in flight fill 400 MB/s (the first ceiling, 64, carried only 256).
        var link = new SimulatedLink(perConnection: 4 * MB, total: 400 * MB, startDelay: 0.45);
        link.Run(seconds: 90);

        Assert.True(link.MaxLimit >= 128, "grew to " + link.MaxLimit);
        Assert.True(link.CarriedSince(60) >= 0.85 * 400 * MB, "carried " + link.CarriedSince(60) / MB + " MB/s");
    }

    [Fact]
    public void OnWorkOffered_BeforeAnyMeasurement_StartsAtTheWorkUpToMaxStart()
    {
        var policy = new AdaptiveConcurrency(initial: 8, ceiling: 256, maxStart: 128, now: 0);

        Assert.False(policy.OnWorkOffered(3, null, 0));
        Assert.Equal(8, policy.Limit);
        Assert.True(policy.OnWorkOffered(20, null, 0));
        Assert.Equal(20, policy.Limit);
        Assert.True(policy.OnWorkOffered(1000, null, 0));
        Assert.Equal(128, policy.Limit);
    }

    [Theory]
    [InlineData(0.001, 8)] // a LAN: the initial limit
    [InlineData(0.030, 15)]
    [InlineData(0.080, 40)] // a region 40 ms away, the first request on a new connection
    [InlineData(0.300, 128)] // 150 ms away: the most a start allows
    public void OnWorkOffered_WithTheFirstRoundTrip_StartsWithOneRequestPerTwoMilliseconds(double roundTrip, int expected)
    {
        var policy = new AdaptiveConcurrency(initial: 8, ceiling: 256, maxStart: 128, now: 0);

        policy.OnWorkOffered(1000, roundTrip, 0);

        Assert.Equal(expected, policy.Limit);
    }

    [Fact]
    public void OnWorkOffered_AfterAJudgedWindow_ChangesNothing()
    {
        var policy = new AdaptiveConcurrency(initial: 8, ceiling: 256, maxStart: 128, now: 0);
        for (int i = 0; i < 4; i++)
        {
            policy.OnRequestFinished(0, Part, 1, underused: false);
        }

        int measured = policy.Limit;
        Assert.False(policy.OnWorkOffered(1000, null, 2));
        Assert.Equal(measured, policy.Limit);
    }

    [Fact]
    public void OnWorkOffered_AfterThrottling_ChangesNothing()
    {
        var policy = new AdaptiveConcurrency(initial: 8, ceiling: 256, maxStart: 128, now: 0);
        Assert.True(policy.OnThrottled(0.1));

        Assert.False(policy.OnWorkOffered(1000, null, 0.2));
        Assert.Equal(4, policy.Limit);
    }

    [Fact]
    public void OnWorkOffered_WithoutMaxStart_NeverLifts()
    {
        var policy = new AdaptiveConcurrency(initial: 8, ceiling: 256, now: 0);

        Assert.False(policy.OnWorkOffered(1000, null, 0));
        Assert.Equal(8, policy.Limit);
    }

    [Fact]
    public void OnRequestFinished_WideStartWhereOneConnectionFillsTheLink_ComesDownToOneOrTwo()
    {
        // The cost of starting a big file wide: on a link one connection fills, the probes take it back down.
        var link = new SimulatedLink(perConnection: 100 * MB, total: 100 * MB, startDelay: 0.001, offered: 1000);
        link.Run(seconds: 120);

        Assert.InRange(link.Policy.Limit, 1, 2);
    }

    [Fact]
    public void OnRequestFinished_WideStartOnAFarLink_KeepsTheLinkFull()
    {
        var link = new SimulatedLink(perConnection: 16 * MB, total: 400 * MB, startDelay: 0.12, offered: 1000);
        link.Run(seconds: 60);

        Assert.True(link.CarriedSince(0) >= 0.85 * 400 * MB, "carried " + link.CarriedSince(0) / MB + " MB/s");
        Assert.True(link.CarriedSince(30) >= 0.85 * 400 * MB, "carried " + link.CarriedSince(30) / MB + " MB/s");
    }

    [Theory]
    [InlineData(0.110, 55, 8, 55)] // a first request that read 110 ms (a loaded machine on loopback): it holds 55, not 110
    [InlineData(0.001, 8, 4, 16)] // a LAN: the start of 8 doubles as before
    public void OnRequestFinished_FirstWindow_HoldsAWideStartButDoublesTheInitialLimit(double roundTrip, int start, int windowRequests, int expected)
    {
        var policy = new AdaptiveConcurrency(initial: 8, ceiling: 256, maxStart: 128, now: 0);
        policy.OnWorkOffered(1000, roundTrip, 0);
        Assert.Equal(start, policy.Limit);

        FinishRequests(policy, windowRequests);

        Assert.Equal(expected, policy.Limit);
    }

    [Fact]
    public void OnRequestFinished_WideStartNarrowerThanTheLinkNeeds_ProbesUpToFillIt()
    {
        // 4 MB/s per connection needs 100 in flight for 400 MB/s; a round trip of 80 ms starts at 40.
        var link = new SimulatedLink(perConnection: 4 * MB, total: 400 * MB, startDelay: 0.3, offered: 1000, roundTrip: 0.080);
        Assert.Equal(40, link.Policy.Limit);
        link.Run(seconds: 120);

        Assert.True(link.CarriedSince(60) >= 0.85 * 400 * MB, "carried " + link.CarriedSince(60) / MB + " MB/s, limit " + link.Policy.Limit);
    }

    [Fact]
    public void OnRequestFinished_OneConnectionFillsTheLink_ComesDownToOneOrTwo()
    {
        var link = new SimulatedLink(perConnection: 100 * MB, total: 100 * MB, startDelay: 0.001);
        link.Run(seconds: 60);

        Assert.InRange(link.Policy.Limit, 1, 2);
        Assert.True(link.MaxLimit <= 16, "grew to " + link.MaxLimit);
    }

    [Fact]
    public void OnRequestFinished_FastFarLink_ReachesMostOfTheTotalWithinFourSeconds()
    {
        var link = new SimulatedLink(perConnection: 16 * MB, total: 400 * MB, startDelay: 0.12);
        link.Run(seconds: 4);

        Assert.True(link.RateAt(link.Policy.Limit) >= 0.8 * 400 * MB, "limit " + link.Policy.Limit);
    }

    [Fact]
    public void OnRequestFinished_UnderusedWindows_AreNotJudged()
    {
        var policy = new AdaptiveConcurrency(initial: 4, ceiling: 64, now: 0);
        for (int step = 1; step <= 1000; step++)
        {
            policy.OnRequestFinished(step * 0.01 - 0.5, Part, step * 0.01, underused: true);
        }

        Assert.Equal(4, policy.Limit);
    }

    [Fact]
    public void OnRequestFinished_RequestsGrantedBeforeAChange_DoNotCount()
    {
        var policy = new AdaptiveConcurrency(initial: 4, ceiling: 64, now: 0);
        Assert.True(policy.OnRequestFinished(0, Part, 1, underused: false) | policy.OnRequestFinished(0, Part, 1, underused: false));
        Assert.Equal(8, policy.Limit);

        for (int i = 0; i < 100; i++)
        {
            Assert.False(policy.OnRequestFinished(0.5, Part, 2 + i, underused: false));
        }

        Assert.Equal(8, policy.Limit);
    }

    [Fact]
    public void OnThrottled_HalvesAtOnceAndOnlyOncePerEpisode()
    {
        var link = new SimulatedLink(perConnection: 16 * MB, total: 400 * MB, startDelay: 0.1);
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
            policy.OnRequestFinished(now - 0.5, Part, now, underused: false);
        }

        Assert.Equal(1, policy.Limit);
    }

    // Requests granted at 0 that complete 0.1 s apart, each of a part: one window once enough have completed.
    private static void FinishRequests(AdaptiveConcurrency policy, int count)
    {
        for (int i = 1; i <= count; i++)
        {
            policy.OnRequestFinished(0, Part, i * 0.1, underused: false);
        }
    }

    /// <summary>
    /// A link where each request in flight carries the per-connection rate, together at most the total; a
    /// request of <see cref="Part"/> bytes takes <c>startDelay</c> (connection, handshake) plus its bytes at
    /// its share. The policy's limit is always in use (a big upload: requests are waiting).
    /// </summary>
    private sealed class SimulatedLink
    {
        private const double Step = 0.005;
        private readonly double _perConnection;
        private readonly double _total;
        private readonly double _startDelay;
        private readonly System.Collections.Generic.List<(double At, double Bytes)> _carried = new();

        // offered: requests offered at the start (a multipart upload's parts; 0: none, the policy starts at 4).
        // roundTrip: the first control request's wait for the network (null: not measured, no bound on the start).
        public SimulatedLink(double perConnection, double total, double startDelay, int offered = 0, double? roundTrip = null)
        {
            _perConnection = perConnection;
            _total = total;
            _startDelay = startDelay;
            Policy = new AdaptiveConcurrency(initial: 4, ceiling: 256, maxStart: 128, now: Now);
            Policy.OnWorkOffered(offered, roundTrip, Now);
        }

        public AdaptiveConcurrency Policy { get; }

        public double Now { get; private set; }

        public int MaxLimit { get; private set; }

        public double RateAt(int inFlight) => Math.Min(_total, inFlight * _perConnection);

        /// <summary>Mean goodput from <paramref name="since"/> seconds on.</summary>
        public double CarriedSince(double since)
        {
            double bytes = 0;
            foreach ((double at, double b) in _carried)
            {
                bytes += at >= since ? b : 0;
            }

            return bytes / (Now - since);
        }

        public void Run(double seconds)
        {
            double end = Now + seconds;
            double owed = 0;
            while (Now < end)
            {
                Now += Step;
                int limit = Policy.Limit;
                double rate = RateAt(limit);
                _carried.Add((Now, rate * Step));
                owed += rate * Step;
                double duration = _startDelay + (Part / (rate / limit));
                while (owed >= Part)
                {
                    owed -= Part;
                    Policy.OnRequestFinished(Now - duration, Part, Now, underused: false);
                }

                MaxLimit = Math.Max(MaxLimit, Policy.Limit);
            }
        }
    }
}
