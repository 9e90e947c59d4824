using System;
using System.IO;
using System.Threading.Tasks;
using OssResumable.Core.Tests.Transfer.Fakes;
using OssResumable.Core.Transfer;

namespace OssResumable.Core.Tests.Transfer;

/// <summary>
/// <see cref="FileUploadRequest.SkipUnchanged"/>: an object that already holds the file's bytes (same length and
/// CRC-64, multipart objects included) is not written again; anything else is uploaded (issue 11, point 2).
/// </summary>
public class InMemorySkipUnchangedTests
{
    [Fact]
    public async Task UploadFile_SkipUnchangedAndMultipartObjectHoldsTheFile_SendsNothingAndSaysSkipped()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        await harness.Uploader.UploadFileAsync(harness.Request(file));
        int writes = harness.Oss.Count("UploadPart") + harness.Oss.Count("PutObject");

        FileUploadRequest again = harness.Request(file);
        again.SkipUnchanged = true;
        UploadResult result = await harness.Uploader.UploadFileAsync(again);

        Assert.True(result.Skipped);
        Assert.Equal(0, result.BytesSent);
        Assert.Equal(new FileInfo(file).Length, result.BytesSkipped);
        Assert.Equal(writes, harness.Oss.Count("UploadPart") + harness.Oss.Count("PutObject"));
        Assert.Equal(1, harness.Oss.Count("InitiateMultipartUpload"));
        Assert.Empty(harness.StateFiles);
    }

    [Fact]
    public async Task UploadFile_SkipUnchangedAndSameLengthOtherBytes_Uploads()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 1, seed: 1);
        await harness.Uploader.UploadFileAsync(harness.Request(file));
        File.WriteAllBytes(file, File.ReadAllBytes(harness.CreateFile(parts: 1, seed: 2, name: "other.bin")));

        FileUploadRequest again = harness.Request(file);
        again.SkipUnchanged = true;
        UploadResult result = await harness.Uploader.UploadFileAsync(again);

        Assert.False(result.Skipped);
        Assert.Equal(new FileInfo(file).Length, result.BytesSent);
        harness.AssertObjectEqualsFile("key", file);
    }

    [Fact]
    public async Task UploadFile_SkipUnchangedAndNoObject_Uploads()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 2);

        FileUploadRequest request = harness.Request(file);
        request.SkipUnchanged = true;
        UploadResult result = await harness.Uploader.UploadFileAsync(request);

        Assert.False(result.Skipped);
        Assert.Equal(1, harness.Oss.Count("HeadObject"));
        harness.AssertObjectEqualsFile("key", file);
    }

    [Fact]
    public async Task UploadFile_SkipUnchangedWithAnUnfinishedUpload_ResumesItInsteadOfComparing()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        await harness.Uploader.UploadFileAsync(harness.Request(file));
        await harness.InterruptAsync(file, failingPart: 2);

        FileUploadRequest again = harness.Request(file);
        again.SkipUnchanged = true;
        UploadResult result = await harness.Uploader.UploadFileAsync(again);

        Assert.False(result.Skipped);
        Assert.True(result.Resumed);
        Assert.Empty(harness.Oss.UploadIds);
        Assert.Empty(harness.StateFiles);
    }

    [Fact]
    public async Task UploadFile_SkipUnchangedAndHeadDenied_FailsSayingWhyAndWritesNothing()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 1);
        harness.Oss.Fault = call => call.Operation == "HeadObject" ? InMemoryOss.Error("HeadObject", call.Key, 403, "AccessDenied", "Denied by the test.") : null;

        FileUploadRequest request = harness.Request(file);
        request.SkipUnchanged = true;
        var failure = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(request));

        Assert.Contains("-SkipUnchanged could not read", failure.Message, StringComparison.Ordinal);
        Assert.Null(harness.Oss.ObjectBytes(EngineHarness.Bucket, "key"));
        Assert.Equal(0, harness.Oss.Count("PutObject") + harness.Oss.Count("InitiateMultipartUpload"));
    }
}
