using System;
using System.IO;
using System.Text.RegularExpressions;
using OssResumable.Core.Checkpoints;

namespace OssResumable.Core.Tests.Checkpoints;

public class CheckpointIdentityTests
{
    [Fact]
    public void FileStem_SameUpload_Stable()
    {
        var a = new CheckpointIdentity("/data/disk.vhdx", "bucket", "a/b.vhdx");
        var b = new CheckpointIdentity("/data/disk.vhdx", "bucket", "a/b.vhdx");

        Assert.Equal(a.FileStem, b.FileStem);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("/data/other.vhdx", "bucket", "a/b.vhdx")]
    [InlineData("/data/disk.vhdx", "bucket2", "a/b.vhdx")]
    [InlineData("/data/disk.vhdx", "bucket", "a/b.vhdx2")]
    [InlineData("/data/disk.vhdx", "bucket", "a/B.vhdx")]
    public void FileStem_DifferentSourceOrDestination_Differs(string path, string bucket, string key)
    {
        var original = new CheckpointIdentity("/data/disk.vhdx", "bucket", "a/b.vhdx");

        Assert.NotEqual(original.FileStem, new CheckpointIdentity(path, bucket, key).FileStem);
    }

    [Theory]
    [InlineData("/data/disk.vhdx", "disk.vhdx")]
    [InlineData("/data/归档 2024 (copy).bak", "___2024__copy_.bak")]
    [InlineData("/data/...hidden", "hidden")]
    [InlineData("/data/日志", "__")]
    [InlineData("/data/a-very-long-file-name-that-goes-on-and-on-and-on.bin", "a-very-long-file-name-that-goes-on-and-o")]
    public void FileStem_AnyFileName_SafeReadablePrefixAndHash(string path, string prefix)
    {
        string stem = new CheckpointIdentity(path, "bucket", "key").FileStem;

        Assert.Matches(new Regex("^[A-Za-z0-9._-]+\\.[0-9a-f]{32}$"), stem);
        Assert.Equal(prefix, stem.Substring(0, stem.Length - 33));
    }

    [Fact]
    public void FileStem_NoUsableCharacters_GenericPrefix()
    {
        string stem = new CheckpointIdentity("/data/...", "bucket", "key").FileStem;

        Assert.StartsWith("upload.", stem, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RelativePath_MadeAbsolute()
    {
        var identity = new CheckpointIdentity("relative.bin", "bucket", "key");

        Assert.Equal(Path.GetFullPath("relative.bin"), identity.SourcePath);
    }

    [Fact]
    public void Destination_Always_OssUri()
    {
        Assert.Equal("oss://bucket/a/b", new CheckpointIdentity("/x", "bucket", "a/b").Destination);
    }
}
