using System;
using OssResumable.PowerShell.Parameters;

namespace OssResumable.PowerShell.Tests.Parameters;

public class AgeParserTests
{
    [Theory]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("36h", 36 * 60)]
    [InlineData("90m", 90)]
    [InlineData("1.5d", 36 * 60)]
    [InlineData("2", 2 * 24 * 60)]
    [InlineData("1.12:00:00", 36 * 60)]
    public void Parse_Text(string text, int minutes) => Assert.Equal(TimeSpan.FromMinutes(minutes), AgeParser.Parse(text));

    [Fact]
    public void Parse_NumbersAreDaysAndTimeSpansPassThrough()
    {
        Assert.Equal(TimeSpan.FromDays(3), AgeParser.Parse(3));
        Assert.Equal(TimeSpan.FromDays(0.5), AgeParser.Parse(0.5));
        Assert.Equal(TimeSpan.FromHours(5), AgeParser.Parse(TimeSpan.FromHours(5)));
        Assert.Equal(TimeSpan.FromSeconds(45), AgeParser.Parse("45s"));
    }

    [Fact]
    public void Parse_NumbersPowerShellMadeOfUnquotedText_KeepTheirUnit()
    {
        // -OlderThan 7d arrives as the decimal 7, and in PowerShell 7 -OlderThan 45s as the Int16 45.
        Assert.Equal(TimeSpan.FromDays(7), AgeParser.Parse(7m));
        Assert.Equal(TimeSpan.FromDays(1.5), AgeParser.Parse(1.5m));
        Assert.Equal(TimeSpan.FromSeconds(45), AgeParser.Parse((short)45));
        Assert.Equal(TimeSpan.FromDays(2), AgeParser.Parse(2L));
        Assert.Equal(TimeSpan.FromDays(3), AgeParser.Parse((byte)3));
        Assert.Equal(TimeSpan.FromDays(4), AgeParser.Parse(4u));
    }

    [Fact]
    public void Parse_OutOfRangeNumber_FailsWithTheUsage()
    {
        Assert.Throws<ArgumentException>(() => AgeParser.Parse(double.NaN));
        Assert.Throws<ArgumentException>(() => AgeParser.Parse(1e300));
        Assert.Throws<ArgumentException>(() => AgeParser.Parse(-1m));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-2d")]
    [InlineData("")]
    public void Parse_Garbage_Fails(string text) => Assert.Throws<ArgumentException>(() => AgeParser.Parse(text));

    [Fact]
    public void Parse_NegativeTimeSpanOrOtherType_Fails()
    {
        Assert.Throws<ArgumentException>(() => AgeParser.Parse(TimeSpan.FromDays(-1)));
        Assert.Throws<ArgumentException>(() => AgeParser.Parse(new object()));
    }
}
