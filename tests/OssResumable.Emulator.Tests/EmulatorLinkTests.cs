using System;

namespace OssResumable.Emulator.Tests;

/// <summary><see cref="EmulatorLink"/>: SPEC syntax, units, limits and the messages of bad input.</summary>
public class EmulatorLinkTests
{
    [Theory]
    [InlineData("per-connection=16MB/s,rtt=40ms,total=400MB/s", 16_000_000, 40.0, 400_000_000)]
    [InlineData("per-connection=4MB/s,rtt=150ms,total=400MB/s", 4_000_000, 150.0, 400_000_000)]
    [InlineData("rtt=0.15s", 0, 150.0, 0)]
    [InlineData("rtt=500us", 0, 0.5, 0)]
    [InlineData("per-connection=8MiB/s", 8_388_608, 0.0, 0)]
    [InlineData("total=100Mbit/s", 0, 0.0, 12_500_000)]
    [InlineData("total=1Gbit/s", 0, 0.0, 125_000_000)]
    [InlineData("PER-CONNECTION = 1.5 MB/s , RTT = 20ms", 1_500_000, 20.0, 0)]
    [InlineData("per-connection=2KiB/s,total=unlimited", 2048, 0.0, 0)]
    public void Parse_ValidSpec_GivesTheLink(string spec, long perConnection, double roundTripMs, long total)
    {
        EmulatorLink link = EmulatorLink.Parse(spec);

        Assert.Equal(perConnection, link.PerConnectionBytesPerSecond);
        Assert.Equal(TimeSpan.FromMilliseconds(roundTripMs), link.RoundTrip);
        Assert.Equal(total, link.TotalBytesPerSecond);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("NONE")]
    [InlineData("per-connection=0,rtt=0,total=0")]
    public void Parse_NoneOrAllZero_IsNone(string spec)
    {
        EmulatorLink link = EmulatorLink.Parse(spec);

        Assert.True(link.IsNone);
        Assert.Equal(EmulatorLink.None, link);
        Assert.Equal("none", link.ToString());
    }

    [Theory]
    [InlineData("per-connection=16MB/s,rtt=40ms,total=400MB/s")]
    [InlineData("per-connection=8MiB/s,rtt=0.5ms")]
    [InlineData("total=12345B/s")]
    public void ToString_RoundTripsThroughParse(string spec)
    {
        EmulatorLink link = EmulatorLink.Parse(spec);

        Assert.Equal(spec, link.ToString());
        Assert.Equal(link, EmulatorLink.Parse(link.ToString()));
        Assert.Equal(link.GetHashCode(), EmulatorLink.Parse(link.ToString()).GetHashCode());
    }

    [Theory]
    [InlineData("per-connection=16Mb/s", "Mbit/s")]
    [InlineData("per-connection=16", "a number and a unit")]
    [InlineData("per-connection=-1MB/s", "a number and a unit")]
    [InlineData("rtt=40", "ms, s or us")]
    [InlineData("rtt=forty ms", "ms, s or us")]
    [InlineData("latency=40ms", "per-connection, rtt, total")]
    [InlineData("16MB/s", "is not name=value")]
    [InlineData("rtt=40ms,rtt=50ms", "twice")]
    [InlineData("per-connection=10B/s", "between 1 KB/s and 100 GB/s")]
    [InlineData("total=200GB/s", "between 1 KB/s and 100 GB/s")]
    [InlineData("rtt=11s", "between 0 and 10 s")]
    public void Parse_BadSpec_FormatExceptionSaysWhatToWrite(string spec, string hint)
    {
        FormatException error = Assert.Throws<FormatException>(() => EmulatorLink.Parse(spec));

        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmulatorLink(999, TimeSpan.Zero, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmulatorLink(0, TimeSpan.FromMilliseconds(-1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmulatorLink(0, TimeSpan.Zero, -5));
        Assert.Equal(EmulatorLink.MaxBytesPerSecond, new EmulatorLink(EmulatorLink.MaxBytesPerSecond, EmulatorLink.MaxRoundTrip, EmulatorLink.MinBytesPerSecond).PerConnectionBytesPerSecond);
    }
}
