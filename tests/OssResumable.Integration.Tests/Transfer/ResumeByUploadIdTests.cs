using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>Finishing an upload from its upload ID and the local file, without a checkpoint.</summary>
public class ResumeByUploadIdTests : IClassFixture<TransferFixture>
{
    private const long Part = UploaderHarness.SmallPart;
    private const long FileSize = (5 * Part) + 999;

    private readonly TransferFixture _fixture;

    public ResumeByUploadIdTests(TransferFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task ResumeUploadAsync_StoredPartsVerifiedAndAPartWithOtherBytesSentAgain()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("by-id");
        byte[] bytes = File.ReadAllBytes(file);
        string uploadId = await StartUploadAsync(harness.Client, key);
        await UploadPartAsync(harness.Client, key, uploadId, 1, bytes.AsMemory(0, (int)Part));
        await UploadPartAsync(harness.Client, key, uploadId, 2, TestBytes.Create(Part, seed: 77));
        await UploadPartAsync(harness.Client, key, uploadId, 3, bytes.AsMemory((int)(2 * Part), (int)Part));

        UploadResult result = await harness.Uploader.ResumeUploadAsync(
            new ResumeUploadRequest(TransferFixture.Bucket, key, uploadId, file) { Threads = 2 });

        Assert.True(result.Resumed);
        Assert.Equal(uploadId, result.UploadId);
        Assert.Equal(Part, result.PartSize);
        Assert.Equal(6, result.PartCount);
        Assert.Equal(2 * Part, result.BytesSkipped);
        Assert.Equal(FileSize - (2 * Part), result.BytesSent);
        Assert.Null(result.CheckpointPath);
        Assert.Contains(harness.Log, e => e.Message.StartsWith("Part 2 stored on OSS does not match the local file", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        Assert.Empty(harness.CheckpointFiles);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task ResumeUploadAsync_OnlyTheShortLastPartStored_FallsBackToAutomaticPartSizeAndIsStillCorrect()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("by-id-last");
        byte[] bytes = File.ReadAllBytes(file);
        string uploadId = await StartUploadAsync(harness.Client, key);
        await UploadPartAsync(harness.Client, key, uploadId, 6, bytes.AsMemory((int)(5 * Part)));

        UploadResult result = await harness.Uploader.ResumeUploadAsync(new ResumeUploadRequest(TransferFixture.Bucket, key, uploadId, file));

        Assert.Equal(1, result.PartCount);
        Assert.Contains(harness.Log, e => e.Message.Contains("cannot be the part size for this file", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task ResumeUploadAsync_ExplicitPartSize_PartsThatDoNotFitAreSentAgain()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("by-id-size");
        byte[] bytes = File.ReadAllBytes(file);
        string uploadId = await StartUploadAsync(harness.Client, key);
        await UploadPartAsync(harness.Client, key, uploadId, 1, bytes.AsMemory(0, (int)Part));

        UploadResult result = await harness.Uploader.ResumeUploadAsync(
            new ResumeUploadRequest(TransferFixture.Bucket, key, uploadId, file) { PartSize = 2 * Part });

        Assert.Equal(2 * Part, result.PartSize);
        Assert.Equal(0, result.BytesSkipped);
        Assert.Equal(FileSize, result.BytesSent);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task ResumeUploadAsync_UnknownUploadId_FailsSayingItDoesNotExist()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.ResumeUploadAsync(
            new ResumeUploadRequest(TransferFixture.Bucket, TransferFixture.UniqueKey("nope"), "0123456789ABCDEF0123456789ABCDEF", file)));

        Assert.Equal("NoSuchUpload", Assert.IsType<OssServiceException>(ex.InnerException).ErrorCode);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.UploadId);
    }

    [Fact]
    public async Task ResumeUploadAsync_Cancelled_UploadKeptAndCanBeResumedAgain()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("by-id-cancel");
        string uploadId = await StartUploadAsync(harness.Client, key);
        using var cancel = new CancellationTokenSource();
        var progress = new ProgressRecorder(p =>
        {
            if (p.CompletedParts >= 2)
            {
                cancel.Cancel();
            }
        });
        var request = new ResumeUploadRequest(TransferFixture.Bucket, key, uploadId, file) { PartSize = Part, Threads = 1 };

        var canceled = await Assert.ThrowsAsync<UploadCanceledException>(() => harness.Uploader.ResumeUploadAsync(request, progress, cancel.Token));

        Assert.Equal(uploadId, canceled.UploadId);
        Assert.Single(_fixture.Emulator.ListUploads(TransferFixture.Bucket));
        UploadResult result = await harness.Uploader.ResumeUploadAsync(new ResumeUploadRequest(TransferFixture.Bucket, key, uploadId, file));
        Assert.True(result.BytesSkipped >= 2 * Part);
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    private static async Task<string> StartUploadAsync(OssClient client, string key) =>
        (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(TransferFixture.Bucket, key))).UploadId;

    private static Task<StoredPart> UploadPartAsync(OssClient client, string key, string uploadId, int number, ReadOnlyMemory<byte> bytes) =>
        client.UploadPartAsync(new UploadPartRequest(TransferFixture.Bucket, key, uploadId, number, RequestBody.FromBytes(bytes)));
}
