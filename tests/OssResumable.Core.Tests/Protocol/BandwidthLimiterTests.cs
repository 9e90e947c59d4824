using System;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

public class BandwidthLimiterTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1023L)]
    [InlineData(100_000_000_001L)]
    public void Constructor_OutOfRange_ThrowsSayingTheRange(long rate)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BandwidthLimiter(rate));
        Assert.Contains("1 KiB/s", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024L, 64 * 1024)]
    [InlineData(1_000_000L, 250_000)]
    [InlineData(20_000_000L, 5_000_000)]
    [InlineData(100_000_000L, 8 * 1024 * 1024)]
    public void ReservationBytes_Rate_IsTheQuarterSecondBurstWithin64KiBTo8MiB(long rate, int expected)
    {
        Assert.Equal(expected, new BandwidthLimiter(rate).ReservationBytes);
    }

    [Theory]
    [InlineData(1_000_000L)]
    [InlineData(10L * 1024 * 1024)]
    [InlineData(1_000_000_000L)]
    public async Task WaitAsync_SixtySecondsOfChunks_SendsTheCapWithinOnePercent(long rate)
    {
        var clock = new SimulatedPacingClock();
        var limiter = new BandwidthLimiter(rate, clock);
        double start = clock.NowSeconds;
        long sent = 0;
        while (clock.NowSeconds - start < 60)
        {
            await limiter.WaitAsync(limiter.ReservationBytes, CancellationToken.None);
            sent += limiter.ReservationBytes;
        }

        double achieved = sent / (clock.NowSeconds - start);
        Assert.InRange(achieved / rate, 0.99, 1.01);
    }

    [Fact]
    public void Reserve_AfterIdle_LetsAQuarterSecondBurstGoAtOnceThenWaits()
    {
        var clock = new SimulatedPacingClock();
        var limiter = new BandwidthLimiter(1_000_000, clock);
        clock.NowSeconds += 10;

        Assert.Equal(TimeSpan.Zero, limiter.Reserve(250_000));
        TimeSpan wait = limiter.Reserve(100_000);

        Assert.InRange(wait.TotalSeconds, 0.099, 0.101);
    }

    [Fact]
    public void Reserve_ManyWritersAtOnce_EachWaitsItsTurnInOrder()
    {
        var clock = new SimulatedPacingClock();
        var limiter = new BandwidthLimiter(1_000_000, clock);
        limiter.Reserve(250_000);

        TimeSpan[] waits = new TimeSpan[4];
        for (int i = 0; i < waits.Length; i++)
        {
            waits[i] = limiter.Reserve(100_000);
        }

        for (int i = 0; i < waits.Length; i++)
        {
            Assert.InRange(waits[i].TotalSeconds, (0.1 * (i + 1)) - 0.001, (0.1 * (i + 1)) + 0.001);
        }
    }

    [Fact]
    public async Task WaitAsync_CancelledWhileWaiting_Throws()
    {
        // The first booking is the burst and goes at once; the second has to wait a quarter of a second.
        var limiter = new BandwidthLimiter(1_000_000);
        await limiter.WaitAsync(limiter.ReservationBytes, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.WaitAsync(limiter.ReservationBytes, cancel.Token));
    }
}
