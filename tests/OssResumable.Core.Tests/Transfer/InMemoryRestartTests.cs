using System;
using System.Threading.Tasks;
using OssResumable.Core.Tests.Transfer.Fakes;
using OssResumable.Core.Transfer;

namespace OssResumable.Core.Tests.Transfer;

/// <summary>
/// When the engine starts over, and when it must not (docs/engine.md, "The flow of UploadFileAsync"),
/// with the service in memory: vanished uploads, a lost Complete response, a changed file.
/// </summary>
public class InMemoryRestartTests
{
    [Fact]
    public async Task UploadFile_ResumedUploadGoneBeforeTheRun_WarnsAndStartsANewUpload()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 2);
        harness.Oss.Vanish(failure.UploadId!);

        UploadResult result = await harness.Uploader.UploadFileAsync(harness.Request(file));

        Assert.False(result.Resumed);
        Assert.NotEqual(failure.UploadId, result.UploadId);
        Assert.Contains(harness.Warnings, w => w.Contains("no longer exists on OSS", StringComparison.Ordinal));
        Assert.Empty(harness.Oss.UploadIds);
        harness.AssertObjectEqualsFile("key", file);
    }

    [Fact]
    public async Task UploadFile_ResumedUploadVanishesDuringTheRun_RestartsOnceWithANewUpload()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 4);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 3);
        harness.Oss.Fault = call =>
        {
            if (call.Operation == "UploadPart" && call.UploadId == failure.UploadId)
            {
                harness.Oss.Vanish(failure.UploadId!);
                return InMemoryOss.NoSuchUpload("UploadPart", call.Key);
            }

            return null;
        };

        UploadResult result = await harness.Uploader.UploadFileAsync(harness.Request(file));

        Assert.False(result.Resumed);
        Assert.NotEqual(failure.UploadId, result.UploadId);
        Assert.Equal(2, harness.Oss.Count("InitiateMultipartUpload"));
        Assert.Contains(harness.Warnings, w => w.Contains("disappeared from OSS while it was being resumed", StringComparison.Ordinal));
        Assert.Empty(harness.StateFiles);
        harness.AssertObjectEqualsFile("key", file);
    }

    [Fact]
    public async Task UploadFile_NewUploadVanishes_FailsWithNothingToResume()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        harness.Oss.Fault = call =>
        {
            if (call.Operation == "UploadPart" && call.PartNumber == 2)
            {
                harness.Oss.Vanish(call.UploadId!);
                return InMemoryOss.NoSuchUpload("UploadPart", call.Key);
            }

            return null;
        };

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(harness.Request(file)));

        Assert.Null(ex.UploadId);
        Assert.Null(ex.CheckpointPath);
        Assert.Equal(1, harness.Oss.Count("InitiateMultipartUpload"));
        Assert.Empty(harness.StateFiles);
    }

    [Fact]
    public async Task UploadFile_CompleteResponseLost_ObjectAcceptedAfterHead()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 2);
        harness.Oss.AfterSuccess = call => call.Operation == "CompleteMultipartUpload"
            ? InMemoryOss.NoSuchUpload("CompleteMultipartUpload", call.Key)
            : null;

        UploadResult result = await harness.Uploader.UploadFileAsync(harness.Request(file));

        Assert.Equal(1, harness.Oss.Count("HeadObject"));
        Assert.Contains(harness.Log, e => e.Message.Contains("response was lost", StringComparison.Ordinal));
        Assert.Empty(harness.StateFiles);
        harness.AssertObjectEqualsFile("key", file);
    }

    [Fact]
    public async Task UploadFile_EarlierRunCompletedButDiedBeforeDeletingItsCheckpoint_AcceptedWithoutSending()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 2);
        harness.Oss.AfterSuccess = call => call.Operation == "CompleteMultipartUpload"
            ? new Core.Protocol.OssTransportException("The connection was reset while Complete's answer was on its way.", new System.IO.IOException("reset"), "CompleteMultipartUpload", EngineHarness.Bucket, call.Key, isTimeout: false)
            : null;
        await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(harness.Request(file)));
        harness.Oss.AfterSuccess = null;
        int sentBefore = harness.Oss.Count("UploadPart");

        UploadResult result = await harness.Uploader.UploadFileAsync(harness.Request(file));

        Assert.True(result.Resumed);
        Assert.Equal(sentBefore, harness.Oss.Count("UploadPart"));
        Assert.Equal(1, harness.Oss.Count("CompleteMultipartUpload"));
        Assert.Empty(harness.StateFiles);
        harness.AssertObjectEqualsFile("key", file);
    }

    [Fact]
    public async Task UploadFile_FileChangedSinceTheCheckpoint_AbortsTheOldUploadAndStartsOver()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 2);
        System.IO.File.WriteAllBytes(file, TempDirectory.Pattern((3 * EngineHarness.Part) - 1000, seed: 5));
        System.IO.File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        UploadResult result = await harness.Uploader.UploadFileAsync(harness.Request(file));

        Assert.False(result.Resumed);
        Assert.Contains(harness.Oss.Calls, c => c.Operation == "AbortMultipartUpload" && c.UploadId == failure.UploadId);
        Assert.Contains(harness.Warnings, w => w.Contains("cannot be resumed", StringComparison.Ordinal));
        Assert.Empty(harness.Oss.UploadIds);
        Assert.Empty(harness.StateFiles);
        harness.AssertObjectEqualsFile("key", file);
    }
}
