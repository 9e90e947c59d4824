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
    public void For_RelativeTo_KeyKeepsTheFoldersBelowIt()
    {
        string root = Path.Combine(Path.GetTempPath(), "tree");
        string file = Path.Combine(root, "a", "b", "same.txt");

        Assert.Equal("backup/a/b/same.txt", ObjectKeys.For(file, null, "backup/", root));
        Assert.Equal("a/b/same.txt", ObjectKeys.For(file, null, null, root + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void For_RelativeToTheFilesOwnFolder_IsTheFileName() =>
        Assert.Equal("disk image.vhdx", ObjectKeys.For(File, null, null, Path.GetDirectoryName(File)));

    [Theory]
    [InlineData("other")]
    [InlineData("dat")]
    public void For_FileNotInsideRelativeTo_FailsNamingBoth(string folder)
    {
        string relativeTo = Path.Combine(Path.GetTempPath(), folder);

        var ex = Assert.Throws<ArgumentException>(() => ObjectKeys.For(File, null, null, relativeTo));

        Assert.Contains(File, ex.Message, StringComparison.Ordinal);
        Assert.Contains("-RelativeTo folder '" + relativeTo + "'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_RelativeToTheFileItself_Fails() =>
        Assert.Throws<ArgumentException>(() => ObjectKeys.For(File, null, null, File));

    [Fact]
    public void ValidateParameters_KeyAndRelativeTo_Fails() =>
        Assert.Throws<ArgumentException>(() => ObjectKeys.ValidateParameters("k", null, "/data"));

    [Fact]
    public void For_KeyTooLongAfterPrefix_FailsNamingTheFile()
    {
        var ex = Assert.Throws<ArgumentException>(() => ObjectKeys.For(File, null, new string('p', 1100)));

        Assert.Contains(File, ex.Message, StringComparison.Ordinal);
    }
}
