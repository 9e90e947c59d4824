using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.Emulator;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>Resuming from a checkpoint, and every reason a checkpoint is not resumed.</summary>
public class CheckpointResumeTests : IClassFixture<TransferFixture>
{
    private const long Part = UploaderHarness.SmallPart;
    private const long FileSize = (10 * Part) + 777;

    private readonly TransferFixture _fixture;

    public CheckpointResumeTests(TransferFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task UploadFile_RunAgainAfterCancellation_ResumesWithoutResendingStoredParts()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("resume");

        UploadCanceledException canceled = await InterruptAsync(harness, UploaderHarness.Request(file, key, threads: 2), afterParts: 3);

        Assert.True(File.Exists(canceled.CheckpointPath));
        Assert.Equal(canceled.UploadId, Assert.Single(_fixture.Emulator.ListUploads(TransferFixture.Bucket)).UploadId);
        Assert.Contains("run the same upload again", canceled.Message, StringComparison.Ordinal);
        UploadCheckpoint checkpoint = CheckpointFile.Open(canceled.CheckpointPath!).Checkpoint;
        Assert.True(checkpoint.CompletedPartCount >= 3);

        // A part in flight at the cancellation may have been stored by OSS without its response being
        // read: it is not in the checkpoint, but the next run verifies it against the file and keeps it.
        long storedOnServer = Assert.Single(_fixture.Emulator.ListUploads(TransferFixture.Bucket)).Parts.Sum(p => p.Size);

        var progress = new ProgressRecorder();
        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key, threads: 2), progress);

        Assert.True(result.Resumed);
        Assert.Equal(canceled.UploadId, result.UploadId);
        Assert.Equal(storedOnServer, result.BytesSkipped);
        Assert.True(result.BytesSkipped >= checkpoint.CompletedBytes);
        Assert.Equal(FileSize, result.BytesSent + result.BytesSkipped);
        Assert.Equal(canceled.CheckpointPath, result.CheckpointPath);
        Assert.False(File.Exists(canceled.CheckpointPath));
        Assert.Equal(UploadPhase.Resuming, progress.Reports.First(r => r.Phase != UploadPhase.Planning).Phase);
        progress.AssertMonotonicAndComplete(FileSize);
        Assert.Contains(harness.Log, e => e.Message.StartsWith("Resuming upload " + canceled.UploadId + ": " + checkpoint.CompletedPartCount + " of 11 parts", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_Interrupted_CheckpointRecordsTheSigningRegionVersionAndAddressing()
    {
        // The emulator's endpoint (an IP) names no region: without the recorded region a resume from the
        // checkpoint alone could not sign with V4 (issue 7).
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("connection");

        UploadCanceledException canceled = await InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 1);

        CheckpointConnection? connection = CheckpointFile.Open(canceled.CheckpointPath!).Checkpoint.Connection;
        Assert.NotNull(connection);
        Assert.Equal(harness.Client.SigningRegion, connection!.Region);
        Assert.NotNull(connection.Region);
        Assert.Equal(OssSignatureVersion.V4, connection.SignatureVersion);
        Assert.True(connection.PathStyle);
        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));
    }

    [Fact]
    public async Task UploadFile_DamagedCheckpoint_WarnsAbortsTheUploadItNamesAndStartsOver()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("damaged");
        UploadCanceledException canceled = await InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        string text = File.ReadAllText(canceled.CheckpointPath!);
        File.WriteAllText(canceled.CheckpointPath!, text.Replace("\"createdUtc\": \"2", "\"createdUtc\": \"1", StringComparison.Ordinal));

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.False(result.Resumed);
        Assert.NotEqual(canceled.UploadId, result.UploadId);
        Assert.Contains(harness.Warnings, w => w.Contains("cannot be used (ChecksumMismatch)", StringComparison.Ordinal));
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + canceled.UploadId, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_SourceChangedBetweenRuns_WarnsAbortsOldUploadAndUploadsTheNewContent()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize, seed: 3);
        string key = TransferFixture.UniqueKey("changed");
        UploadCanceledException canceled = await InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        File.WriteAllBytes(file, TestBytes.Create(FileSize, seed: 4));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.False(result.Resumed);
        Assert.Equal(0, result.BytesSkipped);
        string warning = Assert.Single(harness.Warnings);
        Assert.Contains("the source file was modified", warning, StringComparison.Ordinal);
        Assert.Contains(canceled.UploadId!, warning, StringComparison.Ordinal);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_DifferentPartSize_WarnsAndStartsOver()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("part-size");
        await InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key, partSize: 2 * Part));

        Assert.False(result.Resumed);
        Assert.Equal(2 * Part, result.PartSize);
        Assert.Contains(harness.Warnings, w => w.Contains("the part size differs", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_DifferentObjectOptions_WarnsAndStartsOver()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("options");
        await InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        var request = UploaderHarness.Request(file, key);
        request.WriteOptions = new ObjectWriteOptions { ContentType = "video/mp4" };

        UploadResult result = await harness.Uploader.UploadFileAsync(request);

        Assert.False(result.Resumed);
        Assert.Contains(harness.Warnings, w => w.Contains("the object options differ", StringComparison.Ordinal));
        Assert.Equal("video/mp4", _fixture.Emulator.GetObjectInfo(TransferFixture.Bucket, key)!.ContentType);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_DifferentEndpoint_WarnsAbortsOldUploadAndStartsOver()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("endpoint");
        UploadCanceledException canceled = await InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        var log = new System.Collections.Concurrent.ConcurrentQueue<UploadLogEntry>();
        // The same emulator through another host name: the recorded endpoint differs.
        using OssClient localhost = _fixture.CreateClient(configure: o => o.Endpoint = new UriBuilder(_fixture.Emulator.Endpoint) { Host = "localhost" }.Uri);
        var other = new ResumableUploader(localhost, new UploaderSettings
        {
            CheckpointDirectory = harness.CheckpointDirectory,
            Log = log.Enqueue,
        });

        UploadResult result = await other.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.False(result.Resumed);
        Assert.Contains(log, e => e.Level == UploadLogLevel.Warning && e.Message.Contains("the endpoint differs", StringComparison.Ordinal));
        Assert.Contains(log, e => e.Message.Contains("Aborted the superseded upload " + canceled.UploadId, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_SameFileToAnotherKey_UsesItsOwnCheckpointAndLeavesTheFirstResumable()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string first = TransferFixture.UniqueKey("first");
        string second = TransferFixture.UniqueKey("second");
        UploadCanceledException canceled = await InterruptAsync(harness, UploaderHarness.Request(file, first), afterParts: 2);

        UploadResult other = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, second));
        UploadResult resumed = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, first));

        Assert.False(other.Resumed);
        Assert.NotEqual(canceled.CheckpointPath, other.CheckpointPath);
        Assert.True(resumed.Resumed);
        Assert.Equal(canceled.UploadId, resumed.UploadId);
        Assert.Empty(harness.Warnings);
        harness.AssertObjectEqualsFile(first, file);
        harness.AssertObjectEqualsFile(second, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_NowBelowTheThreshold_EarlierMultipartUploadAbortedAndCheckpointRemoved()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("superseded");
        UploadCanceledException canceled = await InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        var single = new FileUploadRequest(file, TransferFixture.Bucket, key) { MultipartThreshold = FileSize + 1 };

        UploadResult result = await harness.Uploader.UploadFileAsync(single);

        Assert.Null(result.UploadId);
        Assert.Contains(harness.Warnings, w => w.Contains("is superseded", StringComparison.Ordinal) && w.Contains(canceled.UploadId!, StringComparison.Ordinal));
        Assert.False(File.Exists(canceled.CheckpointPath));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_StoredPartMissingFromCheckpoint_CheckedAgainstTheFileAndKept()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("unrecorded");
        UploadCanceledException canceled = await InterruptAsync(harness, UploaderHarness.Request(file, key, threads: 1), afterParts: 3);
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        UploadCheckpoint checkpoint = CheckpointFile.Open(canceled.CheckpointPath!).Checkpoint;
        long storedBytes = checkpoint.CompletedBytes;
        Assert.True(checkpoint.ForgetPart(1));
        store.Save(checkpoint);

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.True(result.Resumed);
        Assert.Equal(storedBytes, result.BytesSkipped);
        Assert.Contains(harness.Log, e => e.Message.Contains("1 more stored part(s) not in the checkpoint will be checked against the local file", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_StoredPartDiffersFromCheckpointAndFile_SentAgain()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("overwritten-part");
        UploadCanceledException canceled = await InterruptAsync(harness, UploaderHarness.Request(file, key, threads: 1), afterParts: 3);
        long storedBytes = CheckpointFile.Open(canceled.CheckpointPath!).Checkpoint.CompletedBytes;
        await harness.Client.UploadPartAsync(new UploadPartRequest(
            TransferFixture.Bucket, key, canceled.UploadId!, 2, RequestBody.FromBytes(TestBytes.Create(Part, seed: 99))));

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.True(result.Resumed);
        Assert.Equal(storedBytes - Part, result.BytesSkipped);
        Assert.Contains(harness.Log, e => e.Message.StartsWith("Part 2 on OSS differs from the checkpoint", StringComparison.Ordinal));
        Assert.Contains(harness.Log, e => e.Message.StartsWith("Part 2 stored on OSS does not match the local file", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_UploadVanishedBetweenRuns_SaysSoAndStartsOver()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("vanished");
        UploadCanceledException canceled = await InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        Assert.True(_fixture.Emulator.RemoveUpload(TransferFixture.Bucket, canceled.UploadId!));

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.False(result.Resumed);
        Assert.Equal(FileSize, result.BytesSent);
        Assert.Contains(harness.Warnings, w => w.Contains("no longer exists on OSS", StringComparison.Ordinal) && w.Contains(canceled.UploadId!, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CompleteCommittedButResponseLostAndRetriesExhausted_NextRunAcceptsTheObject()
    {
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("lost-complete");
        string checkpointPath;
        using (var failing = new UploaderHarness(_fixture, maxRetries: 0))
        {
            FaultRule rule = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.CompleteMultipartUpload, Key = key, Action = FaultAction.DropResponse });
            var ex = await Assert.ThrowsAsync<UploadFailedException>(() => failing.Uploader.UploadFileAsync(UploaderHarness.Request(file, key)));
            Assert.Equal(1, rule.FiredCount);
            Assert.IsType<OssTransportException>(ex.InnerException);
            checkpointPath = ex.CheckpointPath!;
            Assert.True(File.Exists(checkpointPath));

            UploadResult result = await failing.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

            Assert.True(result.Resumed);
            Assert.Equal(0, result.BytesSent);
            Assert.Equal(FileSize, result.BytesSkipped);
            Assert.Contains(failing.Log, e => e.Message.Contains("was already completed by an earlier run", StringComparison.Ordinal));
            failing.AssertObjectEqualsFile(key, file);
        }

        Assert.False(File.Exists(checkpointPath));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_SecondUploadOfTheSameFileToTheSameKeyWhileTheFirstRuns_RefusedWithLockError()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("locked");
        FaultRule slow = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, Action = FaultAction.Throttle, BytesPerSecond = 2000, Times = null });
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var progress = new ProgressRecorder(p =>
        {
            if (p.Phase == UploadPhase.Uploading)
            {
                started.TrySetResult();
            }
        });
        Task<UploadResult> first = harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key), progress, cancel.Token);
        await started.Task;

        var ex = await Assert.ThrowsAsync<CheckpointException>(() => harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key)));

        Assert.Equal(CheckpointFailureReason.Locked, ex.Reason);
        cancel.Cancel();
        await Assert.ThrowsAsync<UploadCanceledException>(() => first);
        _fixture.Emulator.Faults.Remove(slow.Id!);
        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));
        Assert.True(result.Resumed);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task ResumeFromCheckpointAsync_AfterCancellation_FinishesWithTheRecordedOptions()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("from-checkpoint");
        var request = UploaderHarness.Request(file, key);
        request.WriteOptions = new ObjectWriteOptions { ContentType = "application/x-test", ObjectAcl = "public-read" };
        request.WriteOptions.Metadata["origin"] = "nightly";
        UploadCanceledException canceled = await InterruptAsync(harness, request, afterParts: 2);

        UploadResult result = await harness.Uploader.ResumeFromCheckpointAsync(canceled.CheckpointPath!, threads: 3);

        Assert.True(result.Resumed);
        Assert.True(result.BytesSkipped >= 2 * Part);
        Assert.Empty(harness.Warnings);
        EmulatorObjectInfo info = _fixture.Emulator.GetObjectInfo(TransferFixture.Bucket, key)!;
        Assert.Equal("application/x-test", info.ContentType);
        Assert.Equal("public-read", info.Acl);
        Assert.Equal("nightly", info.UserMetadata["origin"]);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task ResumeFromCheckpointAsync_DamagedFile_ThrowsCheckpointExceptionAndChangesNothing()
    {
        using var harness = new UploaderHarness(_fixture);
        string path = Path.Combine(harness.CheckpointDirectory, "x.checkpoint.json");
        File.WriteAllText(path, "{ not json", Encoding.UTF8);

        var ex = await Assert.ThrowsAsync<CheckpointException>(() => harness.Uploader.ResumeFromCheckpointAsync(path));

        Assert.Equal(CheckpointFailureReason.Corrupt, ex.Reason);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task UploadFile_CheckpointsOffAndCancelled_UploadAbortedAndNoCheckpointWritten()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("no-checkpoint");
        var request = UploaderHarness.Request(file, key);
        request.DisableCheckpoint = true;

        UploadCanceledException canceled = await InterruptAsync(harness, request, afterParts: 2);

        Assert.Null(canceled.UploadId);
        Assert.Null(canceled.CheckpointPath);
        Assert.Contains("was aborted", canceled.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(harness.CheckpointDirectory));
        _fixture.AssertNoUploads();
    }

    internal static async Task<UploadCanceledException> InterruptAsync(UploaderHarness harness, FileUploadRequest request, int afterParts)
    {
        using var cancel = new CancellationTokenSource();
        var progress = new ProgressRecorder(p =>
        {
            if (p.Phase == UploadPhase.Uploading && p.CompletedParts >= afterParts)
            {
                cancel.Cancel();
            }
        });
        return await Assert.ThrowsAsync<UploadCanceledException>(() => harness.Uploader.UploadFileAsync(request, progress, cancel.Token));
    }
}
