using System;
using OssResumable.PowerShell.Parameters;

namespace OssResumable.PowerShell.Tests.Parameters;

public class ThreadCountTests
{
    [Theory]
    [InlineData("Auto")]
    [InlineData("auto")]
    [InlineData(" AUTO ")]
    public void Parse_Auto_IsAutoInAnyCase(string text)
    {
        ThreadCount value = ThreadCount.Parse(text);

        Assert.True(value.IsAuto);
        Assert.Null(value.Count);
        Assert.Equal("Auto", value.ToString());
    }

    [Fact]
    public void Parse_Number_IsThatCount()
    {
        ThreadCount value = ThreadCount.Parse("16");

        Assert.False(value.IsAuto);
        Assert.Equal(16, value.Count);
        Assert.Equal("16", value.ToString());
    }

    [Theory]
    [InlineData("Many")]
    [InlineData("")]
    [InlineData("4.5")]
    public void Parse_NeitherANumberNorAuto_SaysBothForms(string text)
    {
        var ex = Assert.Throws<FormatException>(() => ThreadCount.Parse(text));

        Assert.Contains("give a number from 1 to 256, or Auto", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsAuto()
    {
        Assert.True(ThreadCount.Default.IsAuto);
    }
}
