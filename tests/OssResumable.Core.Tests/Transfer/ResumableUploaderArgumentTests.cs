using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.Core.Tests.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.Core.Upload;

namespace OssResumable.Core.Tests.Transfer;

/// <summary>Arguments refused before anything is sent (the transport fails the test if it is ever used).</summary>
public class ResumableUploaderArgumentTests
{
    [Fact]
    public void Constructor_OssClient_EndpointTakenFromTheClient()
    {
        using OssClient client = NoNetworkClient();

        var uploader = new ResumableUploader(client);

        Assert.Equal("http://127.0.0.1:9000", uploader.Endpoint);
        Assert.Equal(UploadLimits.MaxThreads, uploader.Throttle.MaxConcurrency);
    }

    [Fact]
    public void Constructor_ConfiguredEndpoint_NormalisedToSchemeHostPort()
    {
        using OssClient client = NoNetworkClient();

        var uploader = new ResumableUploader(client, new UploaderSettings { Endpoint = "oss-cn-hangzhou.aliyuncs.com/" });

        Assert.Equal("https://oss-cn-hangzhou.aliyuncs.com", uploader.Endpoint);
    }

    [Fact]
    public void Constructor_OtherClientWithoutEndpoint_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ResumableUploader(new UnusableClient()));

        Assert.Contains("UploaderSettings.Endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RelativeCheckpointDirectory_Throws()
    {
        using OssClient client = NoNetworkClient();

        Assert.Throws<ArgumentException>(() => new ResumableUploader(client, new UploaderSettings { CheckpointDirectory = "relative/dir" }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public async Task UploadFileAsync_ThreadsOutOfRange_Throws(int threads)
    {
        using OssClient client = NoNetworkClient();
        var uploader = new ResumableUploader(client);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            uploader.UploadFileAsync(new FileUploadRequest("/tmp/x", "bucket", "key") { Threads = threads }));
    }

    [Fact]
    public async Task UploadFileAsync_InvalidBucketOrPartSize_Throws()
    {
        using OssClient client = NoNetworkClient();
        var uploader = new ResumableUploader(client);

        await Assert.ThrowsAsync<ArgumentException>(() => uploader.UploadFileAsync(new FileUploadRequest("/tmp/x", "Bad_Bucket", "key")));
        await Assert.ThrowsAsync<UploadPlanningException>(() => uploader.UploadFileAsync(new FileUploadRequest("/tmp/x", "bucket", "key") { PartSize = 1000 }));
    }

    [Fact]
    public async Task UploadFileAsync_MissingFile_FileNotFoundBeforeAnyRequest()
    {
        using OssClient client = NoNetworkClient();
        var uploader = new ResumableUploader(client);
        string missing = Path.Combine(Path.GetTempPath(), "oss-missing-" + Guid.NewGuid().ToString("N"));

        await Assert.ThrowsAsync<FileNotFoundException>(() => uploader.UploadFileAsync(new FileUploadRequest(missing, "bucket", "key")));
    }

    [Fact]
    public async Task ResumeUploadAsync_EmptyUploadId_Throws()
    {
        using OssClient client = NoNetworkClient();
        var uploader = new ResumableUploader(client);

        await Assert.ThrowsAsync<ArgumentException>(() => uploader.ResumeUploadAsync(new ResumeUploadRequest("bucket", "key", " ", "/tmp/x")));
    }

    private static OssClient NoNetworkClient() =>
        TestClients.Create(new FakeOssHandler((_, _) => throw new InvalidOperationException("No request may be sent.")));

    private sealed class UnusableClient : IOssClient
    {
        public Task<PutObjectResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<HeadObjectResult> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<UploadPartResult> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<MultipartUploadSummary> ListMultipartUploadsAsync(ListMultipartUploadsRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<UploadedPart> ListPartsAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task PutBucketAsync(string bucket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
