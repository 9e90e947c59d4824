using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Tests.Transfer.Fakes;
using OssResumable.Core.Transfer;

namespace OssResumable.Core.Tests.Transfer;

/// <summary>
/// What every ending leaves behind (docs/engine.md, "Failure, cancellation and clean-up"), with the
/// service in memory: the upload on OSS, and the checkpoint, upload ID record, marker and lock files.
/// </summary>
public class InMemoryCleanupTests
{
    [Fact]
    public async Task UploadFile_Success_LeavesNoUploadAndNoStateFile()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);

        UploadResult result = await harness.Uploader.UploadFileAsync(harness.Request(file, threads: 2));

        Assert.Equal(3, result.PartCount);
        Assert.Empty(harness.Oss.UploadIds);
        Assert.Empty(harness.StateFiles);
        harness.AssertObjectEqualsFile("key", file);
    }

    [Fact]
    public async Task UploadFile_PartFailsWithCheckpoint_KeepsUploadCheckpointAndRecord()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);

        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 2);

        Assert.Equal(2, failure.PartNumber);
        Assert.Equal(new[] { failure.UploadId! }, harness.Oss.UploadIds);
        Assert.NotNull(failure.CheckpointPath);
        Assert.Contains("run the same upload again to resume it", failure.Message, StringComparison.Ordinal);
        UploadCheckpoint checkpoint = new FileCheckpointStore(harness.CheckpointDirectory).TryLoad(new CheckpointIdentity(file, EngineHarness.Bucket, "key"))!;
        Assert.Equal("https://oss-cn-hangzhou.aliyuncs.com", checkpoint.Endpoint);
        Assert.Equal("cn-hangzhou", checkpoint.Connection!.Region);
        Assert.Equal(2, harness.StateFiles.Count);
        Assert.Single(harness.StateFiles, f => f.EndsWith(CheckpointFormat.FileExtension, StringComparison.Ordinal));
        Assert.Single(harness.StateFiles, f => f.EndsWith(CheckpointFormat.UploadIdRecordExtension, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UploadFile_PartFailsWithoutCheckpoint_AbortsTheUpload()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        harness.FailPartOnce(2);

        var failure = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(harness.Request(file, noCheckpoint: true)));

        Assert.Null(failure.UploadId);
        Assert.Contains("was aborted, so nothing is left on OSS", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Oss.Count("AbortMultipartUpload"));
        Assert.Empty(harness.Oss.UploadIds);
        Assert.Empty(harness.StateFiles);
    }

    [Fact]
    public async Task UploadFile_CancelledWithoutCheckpoint_AbortsWithAFreshToken()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        using var cancel = new CancellationTokenSource();
        harness.Oss.Fault = call =>
        {
            if (call.Operation == "UploadPart" && call.PartNumber == 2)
            {
                cancel.Cancel();
                return new OperationCanceledException(cancel.Token);
            }

            return null;
        };

        var canceled = await Assert.ThrowsAsync<UploadCanceledException>(() => harness.Uploader.UploadFileAsync(harness.Request(file, noCheckpoint: true), null, cancel.Token));

        Assert.Null(canceled.UploadId);
        Assert.Equal(1, harness.Oss.Count("AbortMultipartUpload"));
        Assert.Empty(harness.Oss.UploadIds);
    }

    [Fact]
    public async Task UploadFile_SmallFileWithAnEarlierMultipartCheckpoint_AbortsTheSupersededUpload()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 2);
        FileUploadRequest single = harness.Request(file);
        single.MultipartThreshold = 10 * EngineHarness.Part;

        UploadResult result = await harness.Uploader.UploadFileAsync(single);

        Assert.Null(result.UploadId);
        Assert.Contains(harness.Oss.Calls, c => c.Operation == "AbortMultipartUpload" && c.UploadId == failure.UploadId);
        Assert.Contains(harness.Warnings, w => w.Contains("is superseded", StringComparison.Ordinal));
        Assert.Empty(harness.Oss.UploadIds);
        Assert.Empty(harness.StateFiles);
    }

    [Fact]
    public async Task UploadFile_MarkerOfAnInterruptedInitiation_AbortsTheOrphanButNotOtherClientsUploads()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 2);
        var identity = new CheckpointIdentity(file, EngineHarness.Bucket, "key");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        store.MarkInitiating(identity, harness.Oss.Now.UtcDateTime);
        string orphan = harness.Oss.StartForeignUpload(EngineHarness.Bucket, "key", harness.Oss.Now.AddSeconds(1));
        string otherKey = harness.Oss.StartForeignUpload(EngineHarness.Bucket, "key-longer", harness.Oss.Now.AddSeconds(1));
        string longAgo = harness.Oss.StartForeignUpload(EngineHarness.Bucket, "key", harness.Oss.Now.AddHours(-2));

        await harness.Uploader.UploadFileAsync(harness.Request(file));

        Assert.Contains(harness.Oss.Calls, c => c.Operation == "AbortMultipartUpload" && c.UploadId == orphan);
        Assert.Equal(new[] { otherKey, longAgo }.OrderBy(id => id, StringComparer.Ordinal), harness.Oss.UploadIds.OrderBy(id => id, StringComparer.Ordinal));
        Assert.Empty(harness.StateFiles);
    }

    [Fact]
    public async Task ResumeUpload_Fails_NeverAbortsTheUpload()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 2);
        harness.FailPartOnce(2);

        var again = await Assert.ThrowsAsync<UploadFailedException>(() =>
            harness.Uploader.ResumeUploadAsync(new ResumeUploadRequest(EngineHarness.Bucket, "key", failure.UploadId!, file) { PartSize = EngineHarness.Part, Threads = 1 }));

        Assert.Equal(failure.UploadId, again.UploadId);
        Assert.Null(again.CheckpointPath);
        Assert.Equal(0, harness.Oss.Count("AbortMultipartUpload"));
        Assert.Equal(new[] { failure.UploadId! }, harness.Oss.UploadIds);
    }

    [Fact]
    public async Task AbortAsync_CheckpointFile_AbortsTheUploadAndRemovesItsFiles()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 2);

        bool existed = await harness.Uploader.AbortAsync(CheckpointFile.Open(failure.CheckpointPath!));

        Assert.True(existed);
        Assert.Contains(harness.Oss.Calls, c => c.Operation == "AbortMultipartUpload" && c.UploadId == failure.UploadId);
        Assert.Empty(harness.Oss.UploadIds);
        Assert.Empty(harness.StateFiles);
    }

    [Fact]
    public async Task AbortAsync_UploadAlreadyGone_FalseAndItsFilesRemoved()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 2);
        harness.Oss.Vanish(failure.UploadId!);

        Assert.False(await harness.Uploader.AbortAsync(CheckpointFile.Open(failure.CheckpointPath!)));
        Assert.Empty(harness.StateFiles);
    }

    [Fact]
    public async Task AbortAsync_UploadRunning_LockedAndNothingChanged()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 2);
        CheckpointFile checkpoint = CheckpointFile.Open(failure.CheckpointPath!);
        using (new FileCheckpointStore(harness.CheckpointDirectory).AcquireLock(checkpoint.Checkpoint.Identity))
        {
            var ex = await Assert.ThrowsAsync<CheckpointException>(() => harness.Uploader.AbortAsync(checkpoint));

            Assert.Equal(CheckpointFailureReason.Locked, ex.Reason);
        }

        Assert.Equal(new[] { failure.UploadId! }, harness.Oss.UploadIds);
        Assert.True(System.IO.File.Exists(failure.CheckpointPath));
    }

    [Fact]
    public async Task AbortAsync_RenamedCopy_RemovesOnlyTheCopy()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 2);
        string copy = System.IO.Path.Combine(harness.CheckpointDirectory, "copy.checkpoint.json");
        System.IO.File.Copy(failure.CheckpointPath!, copy);

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Uploader.ResumeFromCheckpointAsync(copy));
        Assert.True(await harness.Uploader.AbortAsync(CheckpointFile.Open(copy)));

        Assert.False(System.IO.File.Exists(copy));
        Assert.True(System.IO.File.Exists(failure.CheckpointPath));
    }

    [Fact]
    public async Task AbortAsync_CheckpointOfAnotherEndpoint_RefusedBeforeAnyRequest()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 2);
        var elsewhere = new ResumableUploader(new InMemoryOss { Endpoint = new Uri("https://oss-cn-beijing.aliyuncs.com") });
        int calls = harness.Oss.Calls.Count;

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => elsewhere.AbortAsync(CheckpointFile.Open(failure.CheckpointPath!)));

        Assert.Contains("Abort it with a client for https://oss-cn-hangzhou.aliyuncs.com", ex.Message, StringComparison.Ordinal);
        Assert.Equal(calls, harness.Oss.Calls.Count);
        Assert.True(System.IO.File.Exists(failure.CheckpointPath));
    }

    [Fact]
    public async Task TryOpenFor_CheckpointOfAnotherUpload_Null()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 2);

        Assert.NotNull(CheckpointFile.TryOpenFor(failure.CheckpointPath, EngineHarness.Bucket, "key", failure.UploadId!, file));
        Assert.Null(CheckpointFile.TryOpenFor(failure.CheckpointPath, EngineHarness.Bucket, "key", "OTHER"));
        Assert.Null(CheckpointFile.TryOpenFor(failure.CheckpointPath, EngineHarness.Bucket, "key", failure.UploadId!, file + ".other"));
        Assert.Null(CheckpointFile.TryOpenFor(failure.CheckpointPath + ".missing", EngineHarness.Bucket, "key", failure.UploadId!));
    }
}
