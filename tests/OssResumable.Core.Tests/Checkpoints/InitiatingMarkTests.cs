using System;
using System.IO;
using OssResumable.Core.Checkpoints;

namespace OssResumable.Core.Tests.Checkpoints;

public class InitiatingMarkTests
{
    [Fact]
    public void MarkInitiating_ThenTryGet_ReturnsTheStartTime()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Combine("state"));
        CheckpointIdentity identity = TestCheckpoints.Create().Identity;
        var started = new DateTime(2026, 11, 21, 22, 0, 1, 123, DateTimeKind.Utc);

        store.MarkInitiating(identity, started);

        Assert.Equal(started, store.TryGetInitiatingMark(identity));
        Assert.Equal(identity.FileStem + ".initiating", Path.GetFileName(store.GetInitiatingMarkPath(identity)));
    }

    [Fact]
    public void TryGetInitiatingMark_NoMarker_Null()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);

        Assert.Null(store.TryGetInitiatingMark(TestCheckpoints.Create().Identity));
    }

    [Fact]
    public void ClearInitiatingMark_AfterMark_RemovesIt()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        CheckpointIdentity identity = TestCheckpoints.Create().Identity;
        store.MarkInitiating(identity, DateTime.UtcNow);

        store.ClearInitiatingMark(identity);
        store.ClearInitiatingMark(identity);

        Assert.Null(store.TryGetInitiatingMark(identity));
        Assert.False(File.Exists(store.GetInitiatingMarkPath(identity)));
    }

    [Fact]
    public void TryGetInitiatingMark_DamagedMarker_FallsBackToTheFileTime()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        CheckpointIdentity identity = TestCheckpoints.Create().Identity;
        store.MarkInitiating(identity, DateTime.UtcNow);
        string path = store.GetInitiatingMarkPath(identity);
        File.WriteAllText(path, "not a time");
        var fileTime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, fileTime);

        Assert.Equal(fileTime, store.TryGetInitiatingMark(identity));
    }

    [LinuxFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void MarkInitiating_OnLinux_FileIsOwnerOnly()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Combine("state"));
        CheckpointIdentity identity = TestCheckpoints.Create().Identity;

        store.MarkInitiating(identity, DateTime.UtcNow);

        Assert.Equal(Convert.ToInt32("600", 8), (int)File.GetUnixFileMode(store.GetInitiatingMarkPath(identity)));
    }
}
