using System;
using System.IO;
using OssResumable.PowerShell.Parameters;

namespace OssResumable.PowerShell.Tests.Parameters;

public class ObjectKeysTests
{
    private static readonly string File = Path.Combine(Path.GetTempPath(), "data", "disk image.vhdx");

    [Fact]
    public void For_NoKeyNoPrefix_IsTheFileName() => Assert.Equal("disk image.vhdx", ObjectKeys.For(File, null, null));

    [Fact]
    public void For_Prefix_IsPrependedAsWritten()
    {
        Assert.Equal("backups/disk image.vhdx", ObjectKeys.For(File, null, "backups/"));
        Assert.Equal("backupsdisk image.vhdx", ObjectKeys.For(File, null, "backups"));
    }

    [Fact]
    public void For_Key_IsUsedAsIs() => Assert.Equal("vm/a.vhdx", ObjectKeys.For(File, "vm/a.vhdx", null));

    [Fact]
    public void ValidateParameters_KeyAndPrefix_Fails() =>
        Assert.Throws<ArgumentException>(() => ObjectKeys.ValidateParameters("k", "p/"));

    [Theory]
    [InlineData("/leading", null)]
    [InlineData(null, "/leading/")]
    public void ValidateParameters_LeadingSlash_Fails(string? key, string? prefix) =>
        Assert.Throws<ArgumentException>(() => ObjectKeys.ValidateParameters(key, prefix));

    [Fact]
    public void For_KeyTooLongAfterPrefix_FailsNamingTheFile()
    {
        var ex = Assert.Throws<ArgumentException>(() => ObjectKeys.For(File, null, new string('p', 1100)));

        Assert.Contains(File, ex.Message, StringComparison.Ordinal);
    }
}
