using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.Emulator;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>
/// A run killed between InitiateMultipartUpload and its first checkpoint save leaves an upload that no
/// checkpoint names; the marker written before Initiate lets the next run find and abort it.
/// </summary>
public class InterruptedInitiationTests : IClassFixture<TransferFixture>
{
    private const long FileSize = (6 * UploaderHarness.SmallPart) + 123;

    private readonly TransferFixture _fixture;

    public InterruptedInitiationTests(TransferFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task UploadFile_MarkerLeftByKilledInitiation_AbortsTheUnnamedUploadAndCompletes()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("killed-initiate");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(Path.GetFullPath(file), TransferFixture.Bucket, key);
        store.MarkInitiating(identity, DateTime.UtcNow);
        InitiateMultipartUploadResult orphan = await harness.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(TransferFixture.Bucket, key));

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.NotEqual(orphan.UploadId, result.UploadId);
        Assert.Contains(harness.Warnings, w => w.Contains("stopped while starting upload " + orphan.UploadId, StringComparison.Ordinal));
        Assert.Null(store.TryGetInitiatingMark(identity));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_MarkerButOtherUploadsOutsideWindowOrKey_LeavesThemAlone()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("other-uploads");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(Path.GetFullPath(file), TransferFixture.Bucket, key);

        // The marker says the interrupted start happened two hours from now: an upload of the same
        // key initiated now is far outside the window, and one of a longer key never matches.
        store.MarkInitiating(identity, DateTime.UtcNow.AddHours(2));
        InitiateMultipartUploadResult sameKeyEarlier = await harness.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(TransferFixture.Bucket, key));
        InitiateMultipartUploadResult longerKey = await harness.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(TransferFixture.Bucket, key + ".other"));
        try
        {
            UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

            var left = _fixture.Emulator.ListUploads(TransferFixture.Bucket).Select(u => u.UploadId).OrderBy(id => id, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { sameKeyEarlier.UploadId, longerKey.UploadId }.OrderBy(id => id, StringComparer.Ordinal).ToArray(), left);
            Assert.DoesNotContain(harness.Warnings, w => w.Contains("stopped while starting", StringComparison.Ordinal));
            Assert.Null(store.TryGetInitiatingMark(identity));
            harness.AssertObjectEqualsFile(key, file);
            Assert.NotNull(result.UploadId);
        }
        finally
        {
            await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, key, sameKeyEarlier.UploadId);
            await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, key + ".other", longerKey.UploadId);
        }

        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CompletedNormally_LeavesNoInitiatingMarker()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("no-marker");

        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.Empty(Directory.EnumerateFiles(harness.CheckpointDirectory, "*" + CheckpointFormat.InitiatingExtension));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_InitiateRefusedByOss_LeavesNoInitiatingMarker()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("initiate-refused");
        FailEveryInitiate(key, 403, "AccessDenied");

        UploadFailedException ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key)));

        Assert.Equal("AccessDenied", Assert.IsType<OssServiceException>(ex.InnerException).ErrorCode);
        Assert.Empty(Directory.EnumerateFiles(harness.CheckpointDirectory));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_InitiateFailsAfterRetries_KeepsInitiatingMarker()
    {
        // A retried Initiate may have been acted on by OSS before a later attempt failed (an earlier answer
        // lost, say), so the marker stays for the next run to look for an upload no checkpoint names.
        using var harness = new UploaderHarness(_fixture, maxRetries: 1);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("initiate-retried");
        FailEveryInitiate(key, 503, "ServiceUnavailable");
        var identity = new CheckpointIdentity(Path.GetFullPath(file), TransferFixture.Bucket, key);

        await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key)));

        Assert.NotNull(new FileCheckpointStore(harness.CheckpointDirectory).TryGetInitiatingMark(identity));
        _fixture.AssertNoUploads();
    }

    private void FailEveryInitiate(string key, int status, string code) => _fixture.Emulator.Faults.Add(
        new FaultRule { Operation = EmulatorOperation.InitiateMultipartUpload, Key = key, StatusCode = status, ErrorCode = code, Times = null });
}
