using System;
using System.IO;
using System.Threading.Tasks;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Tests.Protocol;
using OssResumable.Core.Tests.Transfer.Fakes;
using OssResumable.Core.Transfer;

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
    public void Constructor_AnyClient_EndpointAndConnectionTakenFromTheClient()
    {
        var client = new InMemoryOss { Endpoint = new Uri("https://files.example.com:8443"), SigningRegion = "eu-central-1", UsesPathStyle = true };

        var uploader = new ResumableUploader(client);

        Assert.Equal("https://files.example.com:8443", uploader.Endpoint);
    }

    [Fact]
    public void Constructor_RelativeCheckpointDirectory_Throws()
    {
        using OssClient client = NoNetworkClient();

        Assert.Throws<ArgumentException>(() => new ResumableUploader(client, new UploaderSettings { CheckpointDirectory = "relative/dir" }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
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
    public async Task UploadFileAsync_NegativeThreshold_ThrowsThePlannersError()
    {
        using OssClient client = NoNetworkClient();
        var uploader = new ResumableUploader(client);

        // The planner's own rule (UploadPlanner.ValidateThreshold), not a second spelling of it.
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            uploader.UploadFileAsync(new FileUploadRequest("/tmp/x", "bucket", "key") { MultipartThreshold = -1 }));

        Assert.Equal("multipartThreshold", ex.ParamName);
        Assert.Contains("multipart threshold cannot be negative", ex.Message, StringComparison.Ordinal);
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
}
