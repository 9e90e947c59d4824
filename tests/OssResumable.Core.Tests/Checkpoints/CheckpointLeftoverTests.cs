using System;
using System.IO;
using System.Linq;
using OssResumable.Core.Checkpoints;

namespace OssResumable.Core.Tests.Checkpoints;

public class CheckpointLeftoverTests
{
    private static readonly DateTime Initiated = new(2024, 5, 1, 10, 21, 2, DateTimeKind.Utc);

    [Fact]
    public void FindIn_RecordMarkerAndLockWithoutCheckpoint_EachListedWithWhatItSays()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        CheckpointIdentity withRecord = Identity("a"), withMarker = Identity("b"), withLock = Identity("c");
        store.SaveUploadIdRecord(new UploadIdRecord(withRecord, TestCheckpoints.Endpoint, TestCheckpoints.UploadId, Initiated));
        store.MarkInitiating(withMarker, Initiated);
        File.WriteAllText(store.GetLockPath(withLock), "process 1");

        var found = CheckpointLeftover.FindIn(temp.Path).ToDictionary(l => l.Path);

        Assert.Equal(3, found.Count);
        CheckpointLeftover record = found[store.GetUploadIdRecordPath(withRecord)];
        Assert.Equal(CheckpointLeftoverKind.UploadIdRecord, record.Kind);
        Assert.Equal(TestCheckpoints.UploadId, record.Record!.UploadId);
        Assert.Equal(withRecord, record.Record.Identity);
        Assert.Null(record.Problem);
        CheckpointLeftover marker = found[store.GetInitiatingMarkPath(withMarker)];
        Assert.Equal(CheckpointLeftoverKind.InitiatingMarker, marker.Kind);
        Assert.Equal(Initiated, marker.InitiatingUtc);
        Assert.Equal(CheckpointLeftoverKind.Lock, found[store.GetLockPath(withLock)].Kind);
    }

    [Fact]
    public void FindIn_FilesBesideTheirCheckpoint_NotLeftovers()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        store.Save(checkpoint);
        store.SaveUploadIdRecord(new UploadIdRecord(checkpoint.Identity, TestCheckpoints.Endpoint, TestCheckpoints.UploadId, Initiated));
        File.WriteAllText(store.GetLockPath(checkpoint.Identity), "process 1");

        // A lock beside a record is reported once, as the record.
        CheckpointIdentity other = Identity("d");
        store.SaveUploadIdRecord(new UploadIdRecord(other, TestCheckpoints.Endpoint, TestCheckpoints.UploadId, Initiated));
        File.WriteAllText(store.GetLockPath(other), "process 1");

        CheckpointLeftover only = Assert.Single(CheckpointLeftover.FindIn(temp.Path));
        Assert.Equal(store.GetUploadIdRecordPath(other), only.Path);
    }

    [Fact]
    public void FindIn_RenamedRecord_ListedWithItsProblemAndNoRecord()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        CheckpointIdentity identity = Identity("e");
        store.SaveUploadIdRecord(new UploadIdRecord(identity, TestCheckpoints.Endpoint, TestCheckpoints.UploadId, Initiated));
        string renamed = Path.Combine(temp.Path, "copy.0123456789abcdef0123456789abcdef.upload-id.json");
        File.Move(store.GetUploadIdRecordPath(identity), renamed);

        CheckpointLeftover leftover = Assert.Single(CheckpointLeftover.FindIn(temp.Path));

        Assert.Equal(renamed, leftover.Path);
        Assert.Null(leftover.Record);
        Assert.Contains("copied or renamed", leftover.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindIn_MissingDirectory_Empty()
    {
        using var temp = new TempDirectory();

        Assert.Empty(CheckpointLeftover.FindIn(temp.Combine("nothing-here")));
    }

    private static CheckpointIdentity Identity(string name) => new(Path.GetFullPath("/data/" + name + ".bin"), TestCheckpoints.Bucket, TestCheckpoints.Key);
}
