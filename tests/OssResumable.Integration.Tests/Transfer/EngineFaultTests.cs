using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OssResumable.Core.Files;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.Emulator;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>The engine against every fault the emulator injects, and against a source file that changes.</summary>
public class EngineFaultTests : IClassFixture<TransferFixture>
{
    private const long Part = UploaderHarness.SmallPart;
    private const long FileSize = (6 * Part) + 4321;

    private readonly TransferFixture _fixture;

    public EngineFaultTests(TransferFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task UploadFile_ConnectionResetMidPart_RetriedAndProgressNotDoubleCounted()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("reset");
        FaultRule rule = AddFault(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, PartNumber = 2, Action = FaultAction.ResetConnection, ResetAfterBytes = 50_000 });
        var progress = new ProgressRecorder();

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key), progress);

        Assert.Equal(1, rule.FiredCount);
        Assert.Equal(1, result.Retries);
        Assert.Equal(FileSize, result.BytesSent);
        progress.AssertMonotonicAndComplete(FileSize);
        Assert.Contains(harness.Log, e => e.Message.StartsWith("Attempt 1 of UploadPart failed and will be retried", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_ServerErrorBurstWithinRetries_Succeeds()
    {
        using var harness = new UploaderHarness(_fixture, maxRetries: 3);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("burst");
        FaultRule rule = AddFault(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, PartNumber = 3, StatusCode = 503, ErrorCode = "ServiceUnavailable", Times = 3 });

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.Equal(3, rule.FiredCount);
        Assert.Equal(3, result.Retries);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_ServerErrorBurstLongerThanRetries_FailsKeepingCheckpointThenRerunResumes()
    {
        using var harness = new UploaderHarness(_fixture, maxRetries: 2);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("long-burst");
        FaultRule rule = AddFault(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, PartNumber = 3, StatusCode = 500, Times = null });

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key, threads: 1)));

        Assert.Equal(3, rule.FiredCount);
        Assert.Equal(3, ex.PartNumber);
        Assert.Equal(500, Assert.IsType<OssServiceException>(ex.InnerException).StatusCode);
        Assert.NotNull(ex.UploadId);
        Assert.True(File.Exists(ex.CheckpointPath));
        Assert.Equal(key, ex.Key);
        Assert.Contains(" at part 3: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.CheckpointPath!, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TransferFixture.Secret, ex.ToString(), StringComparison.Ordinal);

        _fixture.Emulator.Faults.Remove(rule.Id!);
        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.True(result.Resumed);
        Assert.Equal(ex.UploadId, result.UploadId);
        Assert.Equal(2 * Part, result.BytesSkipped);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_SlowResponses_Succeeds()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("slow");
        FaultRule rule = AddFault(new FaultRule { Key = key, Action = FaultAction.Delay, Delay = TimeSpan.FromMilliseconds(100), Times = null });

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.True(rule.FiredCount >= 9);
        Assert.Equal(0, result.Retries);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_OwnUploadVanishesMidRun_FailsAndLeavesNothing()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("vanish-own");
        AddFault(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, PartNumber = 4, Action = FaultAction.VanishUpload });

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key, threads: 1)));

        Assert.Equal("NoSuchUpload", Assert.IsType<OssServiceException>(ex.InnerException).ErrorCode);
        Assert.Null(ex.UploadId);
        Assert.Null(ex.CheckpointPath);
        Assert.Contains(UploadErrorsText.NothingLeft, ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.CheckpointFiles);
        Assert.Null(_fixture.Emulator.GetObjectInfo(TransferFixture.Bucket, key));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_ResumedUploadVanishesMidRun_SaysSoAndStartsOver()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("vanish-resumed");
        UploadCanceledException canceled = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key, threads: 1), afterParts: 2);
        AddFault(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, UploadId = canceled.UploadId, Action = FaultAction.VanishUpload });

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key, threads: 1));

        Assert.False(result.Resumed);
        Assert.NotEqual(canceled.UploadId, result.UploadId);
        Assert.Contains(harness.Warnings, w => w.Contains("disappeared from OSS while it was being resumed", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CorruptedCrcOnce_RetriedAndSucceeds()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("crc-once");
        FaultRule rule = AddFault(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, PartNumber = 5, Action = FaultAction.CorruptCrc });

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.Equal(1, rule.FiredCount);
        Assert.Equal(1, result.Retries);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CorruptedCrcEveryTime_FailsWithChecksumErrorThenRerunSucceeds()
    {
        using var harness = new UploaderHarness(_fixture, maxRetries: 1);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("crc-always");
        FaultRule rule = AddFault(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, PartNumber = 2, Action = FaultAction.CorruptCrc, Times = null });

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key)));

        Assert.Equal(2, ex.PartNumber);
        Assert.IsType<OssChecksumMismatchException>(ex.InnerException);
        Assert.True(File.Exists(ex.CheckpointPath));
        _fixture.Emulator.Faults.Remove(rule.Id!);
        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));
        Assert.True(result.Resumed);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CompleteResponseDropped_RetryFindsNoUploadAndHeadAcceptsTheObject()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("drop-complete");
        FaultRule rule = AddFault(new FaultRule { Operation = EmulatorOperation.CompleteMultipartUpload, Key = key, Action = FaultAction.DropResponse });

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.Equal(1, rule.FiredCount);
        Assert.Equal(Crc64.Compute(File.ReadAllBytes(file)), result.Crc64);
        Assert.Contains(harness.Log, e => e.Message.Contains("its response was lost", StringComparison.Ordinal));
        Assert.Empty(harness.CheckpointFiles);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_ObjectCrcDiffersAfterComplete_VerificationExceptionNamesTheObject()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("bad-object");
        AddFault(new FaultRule { Operation = EmulatorOperation.CompleteMultipartUpload, Key = key, Action = FaultAction.CorruptCrc });

        var ex = await Assert.ThrowsAsync<UploadVerificationException>(() => harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key)));

        Assert.Equal(Crc64.Compute(File.ReadAllBytes(file)), ex.ExpectedCrc64);
        Assert.NotEqual(ex.ExpectedCrc64, ex.ActualCrc64);
        Assert.Contains("oss://" + TransferFixture.Bucket + "/" + key, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Do not use the object", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.CheckpointFiles);
        await harness.Client.DeleteObjectAsync(TransferFixture.Bucket, key);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_NonRetryableErrorOnOnePart_StopsTheOtherPartsAtOnce()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("denied");
        AddFault(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, PartNumber = 1, StatusCode = 403, ErrorCode = "AccessDenied" });
        var slow = Enumerable.Range(2, 3)
            .Select(n => AddFault(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, PartNumber = n, Action = FaultAction.Throttle, BytesPerSecond = 1000, Times = null }))
            .ToList();

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key, threads: 4)));

        Assert.Equal(1, ex.PartNumber);
        Assert.Equal(403, Assert.IsType<OssServiceException>(ex.InnerException).StatusCode);
        EmulatorUploadInfo upload = Assert.Single(_fixture.Emulator.ListUploads(TransferFixture.Bucket));
        Assert.Empty(upload.Parts);
        foreach (FaultRule rule in slow)
        {
            _fixture.Emulator.Faults.Remove(rule.Id!);
        }

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));
        Assert.True(result.Resumed);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CheckpointsOffAndAPartFails_UploadAborted()
    {
        using var harness = new UploaderHarness(_fixture, maxRetries: 1);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("abort-on-failure");
        AddFault(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, PartNumber = 2, StatusCode = 500, Times = null });
        var request = UploaderHarness.Request(file, key);
        request.DisableCheckpoint = true;

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(request));

        Assert.Null(ex.UploadId);
        Assert.Null(ex.CheckpointPath);
        Assert.Contains("was aborted", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(harness.CheckpointDirectory));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_SourceModifiedDuringTheRun_NothingCompletedAndRerunUploadsTheNewContent()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize, seed: 5);
        string key = TransferFixture.UniqueKey("modified-during");
        int modified = 0;
        var progress = new ProgressRecorder(p =>
        {
            if (p.CompletedParts == 1 && System.Threading.Interlocked.Exchange(ref modified, 1) == 0)
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                stream.Position = FileSize - 10;
                stream.Write(new byte[10]);
                stream.Flush();
                File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(5));
            }
        });

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key, threads: 1), progress));

        var changed = Assert.IsType<SourceChangedException>(ex.InnerException);
        Assert.True((changed.Changes & SourceChanges.LastWriteTime) != 0);
        Assert.Contains("was not completed", ex.Message, StringComparison.Ordinal);
        Assert.Null(_fixture.Emulator.GetObjectInfo(TransferFixture.Bucket, key));
        Assert.True(File.Exists(ex.CheckpointPath));

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.False(result.Resumed);
        Assert.Contains(harness.Warnings, w => w.Contains("the source file was modified", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_SourceTruncatedDuringTheRun_FailsWithoutCompleting()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize, seed: 6);
        string key = TransferFixture.UniqueKey("truncated-during");
        int truncated = 0;
        var progress = new ProgressRecorder(p =>
        {
            if (p.CompletedParts == 1 && System.Threading.Interlocked.Exchange(ref truncated, 1) == 0)
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                stream.SetLength(2 * Part);
            }
        });
        var request = UploaderHarness.Request(file, key, threads: 1);
        request.DisableCheckpoint = true;

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(request, progress));

        Assert.IsAssignableFrom<IOException>(ex.InnerException);
        Assert.Null(_fixture.Emulator.GetObjectInfo(TransferFixture.Bucket, key));
        _fixture.AssertNoUploads();
    }

    private FaultRule AddFault(FaultRule rule) => _fixture.Emulator.Faults.Add(rule);

    private static class UploadErrorsText
    {
        public const string NothingLeft = "Nothing was left on OSS.";
    }
}
