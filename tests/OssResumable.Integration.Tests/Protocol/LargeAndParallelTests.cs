using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;

namespace OssResumable.Integration.Tests.Protocol;

/// <summary>Bodies above the 100-continue threshold and many concurrent requests on one client.</summary>
public sealed class LargeAndParallelTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const int PartSize = 3 * 1024 * 1024;
    private const int PartCount = 12;

    private readonly EmulatorFixture _fixture;
    private readonly string _path;
    private readonly byte[] _bytes;

    public LargeAndParallelTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _bytes = new byte[PartSize * PartCount + 12345];
        new Random(42).NextBytes(_bytes);
        _path = Path.Combine(Path.GetTempPath(), "oss-client-it-large-" + Guid.NewGuid().ToString("N") + ".bin");
        File.WriteAllBytes(_path, _bytes);
    }

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task ParallelPartsFromOneFile_AllUploadedAndObjectMatches(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version, configure: o => o.MaxConnectionsPerServer = PartCount);
        string key = EmulatorFixture.UniqueKey("parallel.bin");
        var initiate = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(EmulatorFixture.Bucket, key));
        long progress = 0;

        var uploads = Enumerable.Range(0, PartCount + 1).Select(i =>
        {
            long offset = (long)i * PartSize;
            long length = Math.Min(PartSize, _bytes.Length - offset);
            return client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, initiate.UploadId, i + 1, RequestBody.FromFile(_path, offset, length))
            {
                Progress = d => Interlocked.Add(ref progress, d),
            });
        }).ToList();
        var parts = await Task.WhenAll(uploads);
        var complete = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest(
            EmulatorFixture.Bucket, key, initiate.UploadId, parts.OrderBy(p => p.PartNumber).Select(p => new CompletedPart(p.PartNumber, p.ETag)).ToList()));

        ulong expected = Crc64.Compute(_bytes);
        Assert.Equal(_bytes.Length, progress);
        Assert.Equal(expected, parts.OrderBy(p => p.PartNumber).Aggregate(0UL, (crc, p) => Crc64.Combine(crc, p.Crc64, p.Size)));
        Assert.Equal(expected, complete.Crc64);
        Assert.Equal(expected, _fixture.Emulator.GetObjectInfo(EmulatorFixture.Bucket, key)!.Crc64);
    }

    [Fact]
    public async Task LargePutObject_WithExpectContinue_Succeeds()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);
        string key = EmulatorFixture.UniqueKey("large-put.bin");

        var result = await client.PutObjectAsync(new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromFile(_path, 0, _bytes.Length)));

        Assert.Equal(Crc64.Compute(_bytes), result.Crc64);
        Assert.Equal(_bytes.Length, _fixture.Emulator.GetObjectInfo(EmulatorFixture.Bucket, key)!.Size);
    }

    [Fact]
    public async Task LargePart_WrongSecret_ErrorArrivesAndNothingIsRetried()
    {
        int retries = 0;
        using var client = _fixture.CreateClient(OssSignatureVersion.V4, credentials: new OssCredentials(EmulatorFixture.AccessKeyId, "wrong"),
            configure: o => o.RetryObserver = _ => retries++);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.UploadPartAsync(
            new UploadPartRequest(EmulatorFixture.Bucket, "k", "UPLOADID", 1, RequestBody.FromFile(_path, 0, PartSize))));

        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        Assert.Equal(0, retries);
    }
}
