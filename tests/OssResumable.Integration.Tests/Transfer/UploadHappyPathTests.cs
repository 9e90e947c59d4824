using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>Uploads that succeed first time: sizes around every boundary, content, headers and progress.</summary>
public class UploadHappyPathTests : IClassFixture<TransferFixture>
{
    private const long Part = UploaderHarness.SmallPart;

    private readonly TransferFixture _fixture;

    public UploadHappyPathTests(TransferFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task UploadFile_SmallFile_SinglePutWithVerifiedContent(long size)
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(size);
        string key = TransferFixture.UniqueKey("small");
        var progress = new ProgressRecorder();

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key), progress);

        Assert.Null(result.UploadId);
        Assert.Equal(1, result.PartCount);
        Assert.Equal(size, result.Size);
        Assert.Equal(size, result.BytesSent);
        Assert.Equal(Crc64.Compute(File.ReadAllBytes(file)), result.Crc64);
        Assert.False(result.Resumed);
        Assert.Null(result.CheckpointPath);
        await harness.AssertDownloadEqualsFileAsync(key, file);
        progress.AssertMonotonicAndComplete(size);
        Assert.Equal("Normal", _fixture.Emulator.GetObjectInfo(TransferFixture.Bucket, key)!.ObjectType);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_ExactlyOnePart_MultipartWithOnePart()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(Part);
        string key = TransferFixture.UniqueKey("one-part");

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.NotNull(result.UploadId);
        Assert.Equal(1, result.PartCount);
        Assert.Equal(Part, result.PartSize);
        Assert.Equal(Crc64.Compute(File.ReadAllBytes(file)), result.Crc64);
        harness.AssertObjectEqualsFile(key, file);
        Assert.Empty(harness.CheckpointFiles);
        _fixture.AssertNoUploads();
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task UploadFile_AroundTheThreshold_SinglePutBelowMultipartFromIt(long offset, bool multipart)
    {
        using var harness = new UploaderHarness(_fixture);
        const long threshold = 3 * Part;
        string file = _fixture.CreateFile(threshold + offset, seed: (int)offset + 10);
        string key = TransferFixture.UniqueKey("threshold");
        var request = new FileUploadRequest(file, TransferFixture.Bucket, key) { PartSize = Part, MultipartThreshold = threshold };

        UploadResult result = await harness.Uploader.UploadFileAsync(request);

        Assert.Equal(multipart, result.UploadId is not null);
        Assert.Equal(multipart ? (offset > 0 ? 4 : 3) : 1, result.PartCount);
        Assert.Equal(multipart ? "Multipart" : "Normal", _fixture.Emulator.GetObjectInfo(TransferFixture.Bucket, key)!.ObjectType);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(16)]
    public async Task UploadFile_ManySmallParts_ObjectEqualsFileAndProgressIsExact(int threads)
    {
        using var harness = new UploaderHarness(_fixture);
        long size = (25 * Part) + 12345;
        string file = _fixture.CreateFile(size, seed: threads);
        string key = TransferFixture.UniqueKey("many");
        var progress = new ProgressRecorder();

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key, threads: threads), progress);

        Assert.Equal(26, result.PartCount);
        Assert.Equal(size, result.BytesSent);
        Assert.Equal(0, result.BytesSkipped);
        Assert.Equal(0, result.Retries);
        Assert.Equal(Crc64.Compute(File.ReadAllBytes(file)), result.Crc64);
        Assert.EndsWith("-26\"", result.ETag);
        await harness.AssertDownloadEqualsFileAsync(key, file);
        progress.AssertMonotonicAndComplete(size);
        Assert.Contains(progress.Reports, r => r.Phase == UploadPhase.Uploading);
        Assert.Contains(progress.Reports, r => r.Phase == UploadPhase.Verifying);
        Assert.Empty(harness.CheckpointFiles);
        Assert.Equal(result.CheckpointPath, harness.Uploader.GetCheckpointPath(file, TransferFixture.Bucket, key));
        Assert.Contains(harness.Log, e => e.Message.StartsWith("Verified oss://", System.StringComparison.Ordinal));
        _fixture.AssertNoUploads();
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(3 * Part)]
    public async Task UploadFile_WriteOptions_AppliedToTheObject(long size)
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(size + 7);
        string key = TransferFixture.UniqueKey("headers");
        var request = UploaderHarness.Request(file, key);
        request.WriteOptions = new ObjectWriteOptions { ContentType = "text/plain", StorageClass = "IA", CacheControl = "no-cache" };
        request.WriteOptions.Metadata["Owner"] = "backup-job";

        await harness.Uploader.UploadFileAsync(request);

        HeadObjectResult head = await harness.Client.HeadObjectAsync(TransferFixture.Bucket, key);
        Assert.Equal("text/plain", head.ContentType);
        Assert.Equal("IA", head.StorageClass);
        Assert.Equal("backup-job", head.Metadata["owner"]);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_ForbidOverwriteOnExistingObject_FailsAndLeavesNoUpload()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(3 * Part);
        string key = TransferFixture.UniqueKey("forbid");
        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));
        var again = UploaderHarness.Request(file, key);
        again.WriteOptions = new ObjectWriteOptions { ForbidOverwrite = true };
        again.DisableCheckpoint = true;

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(again));

        var inner = Assert.IsType<OssServiceException>(ex.InnerException);
        Assert.Equal("FileAlreadyExists", inner.ErrorCode);
        Assert.Null(ex.UploadId);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_ExplicitPartSizeNeedingMoreThan10000Parts_RefusedBeforeAnyRequest()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = Path.Combine(_fixture.NewDirectory("sparse"), "sparse.bin");
        using (var stream = new FileStream(file, FileMode.CreateNew))
        {
            stream.SetLength((10_001L * Part) - 1);
        }

        _fixture.Emulator.ResetStatistics();
        var ex = await Assert.ThrowsAsync<UploadPlanningException>(() =>
            harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, TransferFixture.UniqueKey("too-many"))));

        Assert.Equal(UploadPlanningFailure.TooManyParts, ex.Reason);
        Assert.Equal(0, _fixture.Emulator.GetStatistics().Requests.Values.Sum());
        Assert.Empty(harness.CheckpointFiles);
    }

    [Fact]
    public async Task UploadFile_SparseFileOver10000DefaultParts_PartSizeGrownAndRecordedBeforeTheFirstPart()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = Path.Combine(_fixture.NewDirectory("sparse"), "huge.bin");
        long size = (UploadLimits.MaxPartCount * UploadLimits.DefaultPartSize) + 1;
        using (var stream = new FileStream(file, FileMode.CreateNew))
        {
            stream.SetLength(size);
        }

        string key = TransferFixture.UniqueKey("huge");
        using var cancel = new System.Threading.CancellationTokenSource();
        var progress = new ProgressRecorder(p =>
        {
            if (p.Phase == UploadPhase.Uploading)
            {
                cancel.Cancel();
            }
        });
        var request = new FileUploadRequest(file, TransferFixture.Bucket, key) { Threads = 1 };

        var ex = await Assert.ThrowsAsync<UploadCanceledException>(() => harness.Uploader.UploadFileAsync(request, progress, cancel.Token));

        var checkpoint = Core.Checkpoints.CheckpointFile.Open(ex.CheckpointPath!).Checkpoint;
        Assert.Equal(9 * UploadLimits.MiB, checkpoint.PartSize);
        Assert.Equal(8889, checkpoint.PartCount);
        Assert.Equal(8889, progress.Reports[^1].PartCount);
        await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, key, ex.UploadId!);
        File.Delete(ex.CheckpointPath!);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_ManyFilesConcurrentlyThroughOneThrottle_NeverMoreRequestsThanSlots()
    {
        var throttle = new TransferThrottle(2);
        using var harness = new UploaderHarness(_fixture, configure: s => s.Throttle = throttle);
        var counting = new ConcurrencyCountingClient(harness.Client);
        var uploader = new ResumableUploader(counting, new UploaderSettings { CheckpointDirectory = harness.CheckpointDirectory, Throttle = throttle });
        var files = Enumerable.Range(0, 6).Select(i => (File: _fixture.CreateFile(i % 2 == 0 ? 1000 : 4 * Part, seed: 100 + i), Key: TransferFixture.UniqueKey("many-files-" + i))).ToList();

        UploadResult[] results = await Task.WhenAll(files.Select(f => uploader.UploadFileAsync(UploaderHarness.Request(f.File, f.Key, threads: 4))));

        Assert.All(results, r => Assert.True(r.Size > 0));
        Assert.InRange(counting.MaxConcurrentDataRequests, 1, 2);
        Assert.Equal(0, throttle.InUse);
        foreach (var (file, key) in files)
        {
            harness.AssertObjectEqualsFile(key, file);
        }

        _fixture.AssertNoUploads();
    }
}
