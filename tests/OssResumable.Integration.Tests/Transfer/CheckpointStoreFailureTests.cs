using System;
using System.IO;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Transfer;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>What the engine does when the checkpoint cannot be written, and without checkpoints.</summary>
public class CheckpointStoreFailureTests : IClassFixture<TransferFixture>
{
    private const long Part = UploaderHarness.SmallPart;
    private const long FileSize = (5 * Part) + 3;

    private readonly TransferFixture _fixture;

    public CheckpointStoreFailureTests(TransferFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task UploadFile_FirstCheckpointWriteFails_UploadAbortedBeforeAnyPart()
    {
        using var harness = new UploaderHarness(_fixture, configure: s => s.CheckpointStoreFactory = d => new FailingSaveStore(d, failFromSave: 1));
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("first-save");
        _fixture.Emulator.ResetStatistics();

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key)));

        Assert.Equal(CheckpointFailureReason.WriteFailed, Assert.IsType<CheckpointException>(ex.InnerException).Reason);
        Assert.Null(ex.UploadId);
        Assert.Contains("was aborted", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _fixture.Emulator.GetRequestCount(Emulator.EmulatorOperation.UploadPart));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_LaterCheckpointWritesFail_WarnedOnceAndUploadSucceeds()
    {
        using var harness = new UploaderHarness(_fixture, configure: s => s.CheckpointStoreFactory = d => new FailingSaveStore(d, failFromSave: 3));
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("later-saves");

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.Equal(6, result.PartCount);
        Assert.Single(harness.Warnings, w => w.Contains("No space left on device", StringComparison.Ordinal) && w.Contains("The upload goes on", StringComparison.Ordinal));
        Assert.Empty(harness.CheckpointFiles);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CheckpointsOff_MultipartSucceedsWithoutTouchingTheCheckpointDirectory()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("no-checkpoint-ok");
        var request = UploaderHarness.Request(file, key);
        request.DisableCheckpoint = true;

        UploadResult result = await harness.Uploader.UploadFileAsync(request);

        Assert.NotNull(result.UploadId);
        Assert.Null(result.CheckpointPath);
        Assert.Empty(Directory.EnumerateFileSystemEntries(harness.CheckpointDirectory));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }
}
