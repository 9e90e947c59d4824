using System;
using System.IO;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>
/// The last case of "no leftovers" (issue 11): an upload ID record, an initiation marker or a lock file left
/// without its checkpoint is removed by whatever finishes or aborts that upload, and by the next upload of
/// the file, also when it is sent in one request or skipped as unchanged.
/// </summary>
public class LeftoverFilesTests : IClassFixture<TransferFixture>
{
    private const long FileSize = (3 * UploaderHarness.SmallPart) + 77;

    private readonly TransferFixture _fixture;

    public LeftoverFilesTests(TransferFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task ResumeUploadAsync_RecordMarkerAndLockWithoutCheckpoint_AllRemoved()
    {
        using var harness = new UploaderHarness(_fixture);
        (string file, string key, FileCheckpointStore store, CheckpointIdentity identity) = Prepare(harness, "resume-record");
        string uploadId = await InitiateAsync(harness, key);
        DateTime initiated = DateTime.UtcNow;
        store.SaveUploadIdRecord(new UploadIdRecord(identity, harness.Uploader.Endpoint, uploadId, initiated));
        store.MarkInitiating(identity, initiated);
        File.WriteAllText(store.GetLockPath(identity), "process 1 on a host that was killed");

        await harness.Uploader.ResumeUploadAsync(new ResumeUploadRequest(TransferFixture.Bucket, key, uploadId, file));

        harness.AssertObjectEqualsFile(key, file);
        Assert.Empty(Directory.EnumerateFiles(harness.CheckpointDirectory));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task ResumeUploadAsync_RecordOfAnotherUpload_LeftForTheNextRun()
    {
        using var harness = new UploaderHarness(_fixture);
        (string file, string key, FileCheckpointStore store, CheckpointIdentity identity) = Prepare(harness, "resume-other");
        string uploadId = await InitiateAsync(harness, key);
        store.SaveUploadIdRecord(new UploadIdRecord(identity, harness.Uploader.Endpoint, "0123456789ABCDEF0123456789ABCDEF", DateTime.UtcNow));

        await harness.Uploader.ResumeUploadAsync(new ResumeUploadRequest(TransferFixture.Bucket, key, uploadId, file));

        Assert.Equal("0123456789ABCDEF0123456789ABCDEF", store.TryLoadUploadIdRecord(identity)!.UploadId);
    }

    [Fact]
    public async Task AbortAsync_ById_RecordWithoutCheckpoint_RemovedButARecordAtAnotherEndpointKept()
    {
        using var harness = new UploaderHarness(_fixture);
        (_, string key, FileCheckpointStore store, CheckpointIdentity identity) = Prepare(harness, "abort-record");
        string uploadId = await InitiateAsync(harness, key);
        store.SaveUploadIdRecord(new UploadIdRecord(identity, harness.Uploader.Endpoint, uploadId, DateTime.UtcNow));
        string otherFile = _fixture.CreateFile(10, name: "other-endpoint.bin");
        var elsewhere = new CheckpointIdentity(Path.GetFullPath(otherFile), TransferFixture.Bucket, key);
        store.SaveUploadIdRecord(new UploadIdRecord(elsewhere, "https://oss-cn-shanghai.aliyuncs.com", uploadId, DateTime.UtcNow));

        bool aborted = await harness.Uploader.AbortAsync(TransferFixture.Bucket, key, uploadId);

        Assert.True(aborted);
        Assert.Null(store.TryLoadUploadIdRecord(identity));
        Assert.NotNull(store.TryLoadUploadIdRecord(elsewhere));
        Assert.False(File.Exists(store.GetLockPath(identity)));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_OneRequestWithMarkerAndLockLeft_AbortsTheUnnamedUploadAndRemovesBoth()
    {
        using var harness = new UploaderHarness(_fixture);
        (string file, string key, FileCheckpointStore store, CheckpointIdentity identity) = Prepare(harness, "single-marker");
        store.MarkInitiating(identity, DateTime.UtcNow);
        string orphan = await InitiateAsync(harness, key);
        File.WriteAllText(store.GetLockPath(identity), "process 1 on a host that was killed");

        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key, partSize: null));

        Assert.Contains(harness.Warnings, w => w.Contains("stopped while starting upload " + orphan, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        Assert.Empty(Directory.EnumerateFiles(harness.CheckpointDirectory));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_SkipUnchangedWithMarkerLeft_SettlesTheMarkerAndStillSkips()
    {
        using var harness = new UploaderHarness(_fixture);
        (string file, string key, FileCheckpointStore store, CheckpointIdentity identity) = Prepare(harness, "skip-marker");
        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key, partSize: null));
        store.MarkInitiating(identity, DateTime.UtcNow);
        string orphan = await InitiateAsync(harness, key);
        FileUploadRequest again = UploaderHarness.Request(file, key, partSize: null);
        again.SkipUnchanged = true;

        UploadResult result = await harness.Uploader.UploadFileAsync(again);

        Assert.True(result.Skipped);
        Assert.Contains(harness.Warnings, w => w.Contains("stopped while starting upload " + orphan, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(harness.CheckpointDirectory));
        _fixture.AssertNoUploads();
    }

    private (string File, string Key, FileCheckpointStore Store, CheckpointIdentity Identity) Prepare(UploaderHarness harness, string name)
    {
        string file = _fixture.CreateFile(FileSize, name: name + ".bin");
        string key = TransferFixture.UniqueKey(name);
        return (file, key, new FileCheckpointStore(harness.CheckpointDirectory), new CheckpointIdentity(Path.GetFullPath(file), TransferFixture.Bucket, key));
    }

    private static async Task<string> InitiateAsync(UploaderHarness harness, string key) =>
        (await harness.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(TransferFixture.Bucket, key))).UploadId;
}
