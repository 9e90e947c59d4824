using System;
using OssResumable.PowerShell.Progress;

namespace OssResumable.PowerShell.Tests.Progress;

public class RateAndThrottleTests
{
    [Fact]
    public void Rate_UnknownForTheFirstSecond()
    {
        var rate = new RateEstimator(TimeSpan.FromSeconds(10));
        rate.Add(TimeSpan.Zero, 0);

        Assert.Null(rate.BytesPerSecond(TimeSpan.FromMilliseconds(500), 1000));
        Assert.Equal(1000, rate.BytesPerSecond(TimeSpan.FromSeconds(1), 1000));
    }

    [Fact]
    public void Rate_FollowsTheRecentWindowNotTheAverageSinceStart()
    {
        var rate = new RateEstimator(TimeSpan.FromSeconds(10));
        long total = 0;
        for (int second = 0; second <= 60; second++)
        {
            rate.Add(TimeSpan.FromSeconds(second), total);
            total += second < 30 ? 100 : 1000;
        }

        // The last 10 s moved at 1000 B/s; the run's average is far lower.
        Assert.Equal(1000, rate.BytesPerSecond(TimeSpan.FromSeconds(60), total - 1000)!.Value, 0);
    }

    [Fact]
    public void Rate_NeverNegativeWhenBytesAreTakenBack()
    {
        var rate = new RateEstimator(TimeSpan.FromSeconds(10));
        rate.Add(TimeSpan.Zero, 5000);

        Assert.Equal(0, rate.BytesPerSecond(TimeSpan.FromSeconds(2), 1000));
    }

    [Fact]
    public void Throttle_LetsOneUpdateThroughPerInterval()
    {
        var throttle = new ProgressThrottle(TimeSpan.FromMilliseconds(200));

        Assert.True(throttle.TryEnter(TimeSpan.Zero));
        Assert.False(throttle.TryEnter(TimeSpan.FromMilliseconds(199)));
        Assert.True(throttle.TryEnter(TimeSpan.FromMilliseconds(200)));
        Assert.False(throttle.TryEnter(TimeSpan.FromMilliseconds(350)));
        Assert.True(throttle.TryEnter(TimeSpan.FromMilliseconds(400)));
    }

    [Fact]
    public void Throttle_AtMostFiveUpdatesPerSecondWhenAskedEveryMillisecond()
    {
        var throttle = new ProgressThrottle(ProgressThrottle.DefaultInterval);
        int written = 0;
        for (int ms = 0; ms < 1000; ms++)
        {
            written += throttle.TryEnter(TimeSpan.FromMilliseconds(ms)) ? 1 : 0;
        }

        Assert.Equal(5, written);
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(8L * 1024 * 1024, "8 MiB")]
    [InlineData(500L * 1024 * 1024 * 1024, "500 GiB")]
    public void SizeText_Bytes(long bytes, string expected) => Assert.Equal(expected, SizeText.Bytes(bytes));
}
