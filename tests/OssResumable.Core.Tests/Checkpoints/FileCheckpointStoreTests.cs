using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;

namespace OssResumable.Core.Tests.Checkpoints;

public class FileCheckpointStoreTests
{
    [Fact]
    public void Save_ThenLoad_RoundTrips()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Combine("state"));
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 3));

        store.Save(checkpoint);
        UploadCheckpoint loaded = store.Load(checkpoint.Identity);

        Assert.Equal(checkpoint.UploadId, loaded.UploadId);
        Assert.Equal(3, Assert.Single(loaded.CompletedParts).PartNumber);
    }

    [Fact]
    public void GetCheckpointPath_Identity_InStoreDirectoryNamedByStem()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();

        string path = store.GetCheckpointPath(checkpoint.Identity);

        Assert.Equal(temp.Path, Path.GetDirectoryName(path));
        Assert.Equal(checkpoint.Identity.FileStem + ".checkpoint.json", Path.GetFileName(path));
        Assert.Equal(checkpoint.Identity.FileStem + ".lock", Path.GetFileName(store.GetLockPath(checkpoint.Identity)));
    }

    [Fact]
    public void Constructor_RelativeDirectory_Rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FileCheckpointStore("checkpoints"));

        Assert.Contains("absolute", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MayHoldEarlierRun_DirectoryNeverCreated_False()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Combine("never-created"));

        Assert.False(store.MayHoldEarlierRun(TestCheckpoints.Create().Identity));
    }

    [Fact]
    public void MayHoldEarlierRun_OtherUploadsOnly_False()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        store.Save(TestCheckpoints.Create());

        Assert.False(store.MayHoldEarlierRun(new CheckpointIdentity(temp.Combine("other.bin"), "bucket", "other-key")));
    }

    [Fact]
    public void MayHoldEarlierRun_CheckpointOnly_True()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        store.Save(checkpoint);

        Assert.True(store.MayHoldEarlierRun(checkpoint.Identity));
    }

    [Fact]
    public void MayHoldEarlierRun_DamagedUploadIdRecordOnly_True()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        CheckpointIdentity identity = TestCheckpoints.Create().Identity;
        File.WriteAllText(store.GetUploadIdRecordPath(identity), "not json");

        Assert.True(store.MayHoldEarlierRun(identity));
    }

    [Fact]
    public void TryLoad_NoCheckpoint_Null()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Combine("never-created"));

        Assert.Null(store.TryLoad(TestCheckpoints.Create().Identity));
    }

    [Fact]
    public void Load_NoCheckpoint_NotFound()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);

        var ex = Assert.Throws<CheckpointException>(() => store.Load(TestCheckpoints.Create().Identity));

        Assert.Equal(CheckpointFailureReason.NotFound, ex.Reason);
    }

    [Fact]
    public void CheckpointFileOpen_MissingFile_NotFound()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<CheckpointException>(() => CheckpointFile.Open(temp.Combine("x.checkpoint.json")));

        Assert.Equal(CheckpointFailureReason.NotFound, ex.Reason);
    }

    [Fact]
    public void TryLoad_FileDamagedOnDisk_ChecksumMismatchNamingTheFile()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        store.Save(checkpoint);
        string path = store.GetCheckpointPath(checkpoint.Identity);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"IA\"", "\"Archive\"", StringComparison.Ordinal));

        var ex = Assert.Throws<CheckpointException>(() => store.TryLoad(checkpoint.Identity));

        Assert.Equal(CheckpointFailureReason.ChecksumMismatch, ex.Reason);
        Assert.Equal(path, ex.CheckpointPath);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(checkpoint.UploadId, ex.UntrustedUpload?.UploadId);
    }

    [Fact]
    public void TryLoad_EmptyFileOnDisk_Corrupt()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        File.WriteAllBytes(store.GetCheckpointPath(checkpoint.Identity), Array.Empty<byte>());

        Assert.Equal(CheckpointFailureReason.Corrupt, Assert.Throws<CheckpointException>(() => store.TryLoad(checkpoint.Identity)).Reason);
    }

    [Fact]
    public void TryLoad_HugeFileOnDisk_CorruptWithoutReadingIt()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        using (var file = new FileStream(store.GetCheckpointPath(checkpoint.Identity), FileMode.CreateNew))
        {
            file.SetLength(CheckpointFormat.MaxFileSize + 1L);
        }

        var ex = Assert.Throws<CheckpointException>(() => store.TryLoad(checkpoint.Identity));

        Assert.Equal(CheckpointFailureReason.Corrupt, ex.Reason);
        Assert.Contains("far larger", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_FailureMidWrite_PreviousCheckpointIntactAndNoTemporaryFileLeft()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 1));
        store.Save(checkpoint);
        byte[] before = File.ReadAllBytes(store.GetCheckpointPath(checkpoint.Identity));

        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 2));
        store.TempStreamWrapper = inner => new FailingStream(inner, failAfterBytes: 300);
        var ex = Assert.Throws<CheckpointException>(() => store.Save(checkpoint));

        Assert.Equal(CheckpointFailureReason.WriteFailed, ex.Reason);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.Contains("previous checkpoint", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(store.GetCheckpointPath(checkpoint.Identity)));
        Assert.Equal(1, Assert.Single(store.Load(checkpoint.Identity).CompletedParts).PartNumber);
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Save_AfterFailedSave_WritesTheLatestState()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        store.Save(checkpoint);
        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 1));
        store.TempStreamWrapper = inner => new FailingStream(inner, failAfterBytes: 10);
        Assert.Throws<CheckpointException>(() => store.Save(checkpoint));

        store.TempStreamWrapper = null;
        store.Save(checkpoint);

        Assert.Equal(1, store.Load(checkpoint.Identity).CompletedPartCount);
    }

    [Fact]
    public void Save_FirstSaveFails_NoCheckpointFile()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path) { TempStreamWrapper = inner => new FailingStream(inner, failAfterBytes: 0) };
        UploadCheckpoint checkpoint = TestCheckpoints.Create();

        Assert.Throws<CheckpointException>(() => store.Save(checkpoint));

        Assert.Null(store.TryLoad(checkpoint.Identity));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Save_StaleTemporaryFileFromCrash_IgnoredByLoadAndRemovedByNextSave()
    {
        using var temp = new TempDirectory();
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        new FileCheckpointStore(temp.Path).Save(checkpoint);
        string path = new FileCheckpointStore(temp.Path).GetCheckpointPath(checkpoint.Identity);
        string stale = path + ".tmp-0123456789abcdef0123456789abcdef";
        File.WriteAllText(stale, "{\"format\":\"OssResumable.Upl");

        var restarted = new FileCheckpointStore(temp.Path);
        UploadCheckpoint loaded = restarted.Load(checkpoint.Identity);
        Assert.True(File.Exists(stale));
        loaded.RecordCompletedPart(TestCheckpoints.PartFor(loaded, 1));
        restarted.Save(loaded);

        Assert.False(File.Exists(stale));
        Assert.Equal(1, restarted.Load(checkpoint.Identity).CompletedPartCount);
    }

    [Fact]
    public void Save_UnchangedSinceLastSave_NotWrittenAgain()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();

        store.Save(checkpoint);
        store.Save(checkpoint);
        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 1));
        store.Save(checkpoint);
        store.Save(checkpoint);

        Assert.Equal(2, store.WriteCount);
    }

    [Fact]
    public void Save_AfterDelete_WritesAgain()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        store.Save(checkpoint);

        Assert.True(store.Delete(checkpoint.Identity));
        store.Save(checkpoint);

        Assert.NotNull(store.TryLoad(checkpoint.Identity));
    }

    [Fact]
    public void Save_OtherCheckpointObjectForSameUpload_Written()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint first = TestCheckpoints.Create();
        first.RecordCompletedPart(TestCheckpoints.PartFor(first, 1));
        store.Save(first);

        UploadCheckpoint restarted = TestCheckpoints.Create();
        store.Save(restarted);

        Assert.Equal(0, store.Load(restarted.Identity).CompletedPartCount);
    }

    [Fact]
    public async Task Save_ManyThreadsRecordingParts_FinalCheckpointHasEveryPart()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create(length: 400 * 102_400L, partSize: 102_400);
        store.Save(checkpoint);

        const int Threads = 16;
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
        {
            for (int number = thread + 1; number <= checkpoint.PartCount; number += Threads)
            {
                checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, number));
                store.Save(checkpoint);
            }
        })));

        UploadCheckpoint loaded = new FileCheckpointStore(temp.Path).Load(checkpoint.Identity);
        Assert.Equal(Enumerable.Range(1, 400), loaded.CompletedParts.Select(p => p.PartNumber));
        Assert.True(store.WriteCount <= 401, "never more writes than Save calls");
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Delete_Existing_TrueAndGone()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        store.Save(checkpoint);

        Assert.True(store.Delete(checkpoint.Identity));

        Assert.Null(store.TryLoad(checkpoint.Identity));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Delete_Missing_False()
    {
        using var temp = new TempDirectory();

        Assert.False(new FileCheckpointStore(temp.Combine("none")).Delete(TestCheckpoints.Create().Identity));
        Assert.False(new FileCheckpointStore(temp.Path).Delete(TestCheckpoints.Create().Identity));
    }

    [Fact]
    public void Save_DifferentDestinations_SeparateFiles()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);

        store.Save(TestCheckpoints.Create(key: "a"));
        store.Save(TestCheckpoints.Create(key: "b"));

        Assert.Equal(2, Directory.GetFiles(temp.Path).Length);
        Assert.Equal("a", store.Load(new CheckpointIdentity(TestCheckpoints.SourcePath, TestCheckpoints.Bucket, "a")).Key);
    }

    [Fact]
    public void ReplaceWithoutOverwriteMove_DestinationMissing_Moved()
    {
        using var temp = new TempDirectory();
        string source = temp.WriteFile("new.tmp", new byte[] { 1, 2, 3 });
        string destination = temp.Combine("target.json");

        AtomicFile.ReplaceWithoutOverwriteMove(source, destination);

        Assert.False(File.Exists(source));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(destination));
    }

    [Fact]
    public void ReplaceWithoutOverwriteMove_DestinationExists_Replaced()
    {
        using var temp = new TempDirectory();
        string source = temp.WriteFile("new.tmp", new byte[] { 4, 5 });
        string destination = temp.WriteFile("target.json", new byte[] { 9, 9, 9, 9 });

        AtomicFile.ReplaceWithoutOverwriteMove(source, destination);

        Assert.False(File.Exists(source));
        Assert.Equal(new byte[] { 4, 5 }, File.ReadAllBytes(destination));
    }

    [Fact]
    public void AcquireLock_SameUploadTwiceInProcess_SecondLockedWithClearMessage()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        CheckpointIdentity identity = TestCheckpoints.Create().Identity;

        using IDisposable held = store.AcquireLock(identity);
        var ex = Assert.Throws<CheckpointException>(() => store.AcquireLock(identity));

        Assert.Equal(CheckpointFailureReason.Locked, ex.Reason);
        Assert.Contains("Another upload of '" + identity.SourcePath + "' to oss://examplebucket/backups/2024/disk.vhdx is in progress", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcquireLock_TwoStoresOnSameDirectory_SecondLocked()
    {
        using var temp = new TempDirectory();
        CheckpointIdentity identity = TestCheckpoints.Create().Identity;

        using IDisposable held = new FileCheckpointStore(temp.Path).AcquireLock(identity);

        Assert.Equal(CheckpointFailureReason.Locked, Assert.Throws<CheckpointException>(() => new FileCheckpointStore(temp.Path).AcquireLock(identity)).Reason);
    }

    [Fact]
    public void AcquireLock_DifferentUploads_BothGranted()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);

        using IDisposable a = store.AcquireLock(TestCheckpoints.Create(key: "a").Identity);
        using IDisposable b = store.AcquireLock(TestCheckpoints.Create(key: "b").Identity);

        Assert.Equal(2, Directory.GetFiles(temp.Path, "*.lock").Length);
    }

    [Fact]
    public void AcquireLock_Released_CanBeTakenAgainAndLockFileRemoved()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        CheckpointIdentity identity = TestCheckpoints.Create().Identity;

        IDisposable first = store.AcquireLock(identity);
        Assert.True(File.Exists(store.GetLockPath(identity)));
        first.Dispose();
        first.Dispose();
        Assert.False(File.Exists(store.GetLockPath(identity)));

        using IDisposable second = store.AcquireLock(identity);
        Assert.True(File.Exists(store.GetLockPath(identity)));
    }

    // Passes writes through until a byte budget is spent, then fails like a full disk.
    private sealed class FailingStream : Stream
    {
        private readonly Stream _inner;
        private long _budget;

        public FailingStream(Stream inner, long failAfterBytes)
        {
            _inner = inner;
            _budget = failAfterBytes;
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            int allowed = (int)Math.Min(count, _budget);
            _inner.Write(buffer, offset, allowed);
            _budget -= allowed;
            if (allowed < count)
            {
                throw new IOException("No space left on device (simulated).");
            }
        }

        public override void Flush() => _inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
