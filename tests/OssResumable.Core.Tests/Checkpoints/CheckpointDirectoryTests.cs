using System;
using System.Collections.Generic;
using System.IO;
using OssResumable.Core.Checkpoints;

namespace OssResumable.Core.Tests.Checkpoints;

public class CheckpointDirectoryTests
{
    [Fact]
    public void Resolve_WindowsWithLocalAppData_UnderLocalAppData()
    {
        string result = Resolve(isWindows: true, folders: new() { [Environment.SpecialFolder.LocalApplicationData] = "/Users/ann/AppData/Local" });

        Assert.Equal(Path.Combine("/Users/ann/AppData/Local", "OssResumable", "checkpoints"), result);
    }

    [Fact]
    public void Resolve_WindowsWithoutProfile_PerUserFolderUnderProgramData()
    {
        string result = Resolve(
            isWindows: true,
            folders: new() { [Environment.SpecialFolder.CommonApplicationData] = "/ProgramData" },
            userName: "svc backup$");

        Assert.Equal(Path.Combine("/ProgramData", "OssResumable", "checkpoints", "svc_backup_"), result);
    }

    [Fact]
    public void Resolve_UnixWithXdgStateHome_UnderXdgStateHome()
    {
        string result = Resolve(env: new() { ["XDG_STATE_HOME"] = "/home/ann/state", ["HOME"] = "/home/ann" }, existing: new[] { "/home/ann" });

        Assert.Equal(Path.Combine("/home/ann/state", "ossresumable", "checkpoints"), result);
    }

    [Fact]
    public void Resolve_UnixWithRelativeXdgStateHome_IgnoredForHome()
    {
        string result = Resolve(env: new() { ["XDG_STATE_HOME"] = "state", ["HOME"] = "/home/ann" }, existing: new[] { "/home/ann" });

        Assert.Equal(Path.Combine("/home/ann", ".local", "state", "ossresumable", "checkpoints"), result);
    }

    [Fact]
    public void Resolve_UnixHomeMissingButProfileExists_UnderProfile()
    {
        string result = Resolve(
            env: new() { ["HOME"] = "/nonexistent" },
            folders: new() { [Environment.SpecialFolder.UserProfile] = "/srv/backup" },
            existing: new[] { "/srv/backup" });

        Assert.Equal(Path.Combine("/srv/backup", ".local", "state", "ossresumable", "checkpoints"), result);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/nonexistent")]
    [InlineData("/")]
    [InlineData("relative")]
    public void Resolve_UnixServiceWithoutUsableHome_PerUserFolderUnderVarTmp(string? home)
    {
        var env = new Dictionary<string, string?> { ["HOME"] = home };

        string result = Resolve(env: env, existing: new[] { "/" }, userName: "backup");

        Assert.Equal(Path.Combine("/var/tmp", "ossresumable-backup", "checkpoints"), result);
    }

    [Fact]
    public void GetDefault_ThisMachine_AbsoluteAndNotTheWorkingDirectory()
    {
        string result = CheckpointDirectory.GetDefault();

        Assert.True(Path.IsPathRooted(result));
        Assert.EndsWith("checkpoints", result, StringComparison.Ordinal);
        Assert.NotEqual(Path.Combine(Environment.CurrentDirectory, "checkpoints"), result);
    }

    private static string Resolve(
        bool isWindows = false,
        Dictionary<string, string?>? env = null,
        Dictionary<Environment.SpecialFolder, string>? folders = null,
        string[]? existing = null,
        string userName = "ann")
    {
        env ??= new Dictionary<string, string?>();
        folders ??= new Dictionary<Environment.SpecialFolder, string>();
        var exists = new HashSet<string>(existing ?? Array.Empty<string>(), StringComparer.Ordinal);
        return CheckpointDirectory.Resolve(
            isWindows,
            name => env.TryGetValue(name, out string? value) ? value : null,
            folder => folders.TryGetValue(folder, out string? value) ? value : string.Empty,
            exists.Contains,
            userName);
    }
}
