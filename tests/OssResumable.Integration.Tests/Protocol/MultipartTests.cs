using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;

namespace OssResumable.Integration.Tests.Protocol;

public class MultipartTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public MultipartTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task FullUploadFromFileWindows_CompletesWithVerifiedCrcAndETag(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version);
        using var data = new TestData();
        string key = EmulatorFixture.UniqueKey("multi part+1.data");
        var writeOptions = new ObjectWriteOptions { ContentType = "application/x-multi" };
        writeOptions.Metadata["origin"] = "it";

        var initiate = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(EmulatorFixture.Bucket, key, writeOptions));
        var uploaded = new List<StoredPart>();
        long progress = 0;
        for (int i = 0; i < TestData.PartSizes.Length; i++)
        {
            var body = RequestBody.FromFile(data.Path, TestData.Offset(i), TestData.PartSizes[i]);
            uploaded.Add(await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, initiate.UploadId, i + 1, body) { Progress = d => progress += d }));
        }

        var listed = new List<ListedPart>();
        await foreach (var part in client.ListPartsAsync(new ListPartsRequest(EmulatorFixture.Bucket, key, initiate.UploadId) { PageSize = 2 }))
        {
            listed.Add(part);
        }

        var complete = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest(
            EmulatorFixture.Bucket, key, initiate.UploadId, uploaded.Select(p => new CompletedPart(p.PartNumber, p.ETag)).ToList()) { ObjectAcl = "private" });
        var head = await client.HeadObjectAsync(EmulatorFixture.Bucket, key);

        Assert.Equal(key, initiate.Key);
        Assert.Equal(data.Bytes.Length, progress);
        Assert.Equal(TestData.PartCrc64, uploaded.Select(p => p.Crc64));
        Assert.Equal(TestData.PartETags, uploaded.Select(p => p.ETag));
        Assert.Equal(new[] { 1, 2, 3 }, listed.Select(p => p.PartNumber));
        Assert.Equal(TestData.PartSizes, listed.Select(p => p.Size));
        Assert.Equal(TestData.PartCrc64, listed.Select(p => p.Crc64!.Value));
        Assert.Equal(TestData.PartETags, listed.Select(p => p.ETag));

        ulong combined = uploaded.Aggregate(0UL, (crc, part) => Crc64.Combine(crc, part.Crc64, part.Size));
        Assert.Equal(TestData.WholeCrc64, combined);
        Assert.Equal(TestData.WholeCrc64, complete.Crc64);
        Assert.Equal(key, complete.Key);
        Assert.Equal(EmulatorFixture.Bucket, complete.Bucket);
        Assert.Matches("^\"[0-9A-F]{32}-3\"$", complete.ETag);
        Assert.Equal(data.Bytes.Length, head.ContentLength);
        Assert.Equal("Multipart", head.ObjectType);
        Assert.Equal(TestData.WholeCrc64, head.Crc64);
        Assert.Equal("application/x-multi", head.ContentType);
        Assert.Equal("it", head.Metadata["origin"]);
        Assert.Equal(data.Bytes, _fixture.Emulator.ReadObject(EmulatorFixture.Bucket, key));
        Assert.DoesNotContain(_fixture.Emulator.ListUploads(EmulatorFixture.Bucket), u => u.UploadId == initiate.UploadId);
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task ListMultipartUploads_PrefixAndPaging_ReturnsAllWithDecodedKeys(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version);
        string prefix = "list-" + Guid.NewGuid().ToString("N").Substring(0, 8) + "/";
        string[] keys = { prefix + "a b", prefix + "a+b", prefix + "c/%2F", prefix + "d\u0001ctl" };
        var ids = new Dictionary<string, List<string>>();
        foreach (string key in keys.Concat(new[] { keys[0] }))
        {
            var result = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(EmulatorFixture.Bucket, key));
            Assert.Equal(key, result.Key);
            (ids.TryGetValue(key, out var list) ? list : ids[key] = new List<string>()).Add(result.UploadId);
        }

        var listed = new List<MultipartUploadSummary>();
        await foreach (var upload in client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest(EmulatorFixture.Bucket) { Prefix = prefix, PageSize = 2 }))
        {
            listed.Add(upload);
        }

        Assert.Equal(5, listed.Count);
        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal).SelectMany(k => ids[k].OrderBy(id => id, StringComparer.Ordinal).Select(id => k + "|" + id)),
            listed.Select(u => u.Key + "|" + u.UploadId));
        Assert.All(listed, u => Assert.Equal(EmulatorFixture.Bucket, u.Bucket));
        Assert.All(listed, u => Assert.True(u.Initiated > DateTimeOffset.UtcNow.AddHours(-1)));
    }

    [Fact]
    public async Task ListMultipartUploads_NoMatch_IsEmpty()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);

        var listed = new List<MultipartUploadSummary>();
        await foreach (var upload in client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest(EmulatorFixture.Bucket) { Prefix = "nothing-here-" + Guid.NewGuid() }))
        {
            listed.Add(upload);
        }

        Assert.Empty(listed);
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task Abort_ThenEveryUploadOperation_Is404NoSuchUpload(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version);
        string key = EmulatorFixture.UniqueKey("aborted");
        var initiate = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(EmulatorFixture.Bucket, key));
        var part = await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, initiate.UploadId, 1, RequestBody.FromBytes(new byte[] { 1 })));

        await client.AbortMultipartUploadAsync(EmulatorFixture.Bucket, key, initiate.UploadId);

        var upload = await Assert.ThrowsAsync<OssServiceException>(() =>
            client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, initiate.UploadId, 2, RequestBody.FromBytes(new byte[] { 2 }))));
        var list = await Assert.ThrowsAsync<OssServiceException>(async () =>
        {
            await foreach (var _ in client.ListPartsAsync(EmulatorFixture.Bucket, key, initiate.UploadId))
            {
            }
        });
        var complete = await Assert.ThrowsAsync<OssServiceException>(() => client.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest(EmulatorFixture.Bucket, key, initiate.UploadId, new[] { new CompletedPart(1, part.ETag) })));
        var abort = await Assert.ThrowsAsync<OssServiceException>(() => client.AbortMultipartUploadAsync(EmulatorFixture.Bucket, key, initiate.UploadId));

        Assert.All(new[] { upload, list, complete, abort }, ex => Assert.Equal(("NoSuchUpload", 404), (ex.ErrorCode, ex.StatusCode)));
        Assert.Contains(initiate.UploadId, upload.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_WrongETag_Is400InvalidPart()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);
        string key = EmulatorFixture.UniqueKey("invalid-part");
        var initiate = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(EmulatorFixture.Bucket, key));
        await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, initiate.UploadId, 1, RequestBody.FromBytes(new byte[] { 1 })));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest(
            EmulatorFixture.Bucket, key, initiate.UploadId, new[] { new CompletedPart(1, "\"00000000000000000000000000000000\"") })));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("InvalidPart", ex.ErrorCode);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task Complete_SmallNonLastPart_Is400EntityTooSmall()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);
        string key = EmulatorFixture.UniqueKey("too-small");
        var initiate = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(EmulatorFixture.Bucket, key));
        var p1 = await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, initiate.UploadId, 1, RequestBody.FromBytes(new byte[100])));
        var p2 = await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, initiate.UploadId, 2, RequestBody.FromBytes(new byte[100])));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest(
            EmulatorFixture.Bucket, key, initiate.UploadId, new[] { new CompletedPart(1, p1.ETag), new CompletedPart(2, p2.ETag) })));

        Assert.Equal("EntityTooSmall", ex.ErrorCode);
    }

    [Fact]
    public async Task Complete_ForbidOverwriteOnExistingKey_Is409FileAlreadyExists()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);
        string key = EmulatorFixture.UniqueKey("forbid");
        await client.PutObjectAsync(new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromBytes(new byte[] { 9 })));
        var initiate = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(EmulatorFixture.Bucket, key));
        var p1 = await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, initiate.UploadId, 1, RequestBody.FromBytes(new byte[] { 1 })));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest(
            EmulatorFixture.Bucket, key, initiate.UploadId, new[] { new CompletedPart(1, p1.ETag) }) { ForbidOverwrite = true }));

        Assert.Equal(409, ex.StatusCode);
        Assert.Equal("FileAlreadyExists", ex.ErrorCode);
        Assert.Equal(new byte[] { 9 }, _fixture.Emulator.ReadObject(EmulatorFixture.Bucket, key));
    }

    [Fact]
    public async Task UploadPart_SamePartTwice_LastWriteWins()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);
        string key = EmulatorFixture.UniqueKey("rewrite");
        var initiate = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(EmulatorFixture.Bucket, key));
        await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, initiate.UploadId, 1, RequestBody.FromBytes(new byte[] { 1, 1 })));
        var second = await client.UploadPartAsync(new UploadPartRequest(EmulatorFixture.Bucket, key, initiate.UploadId, 1, RequestBody.FromBytes(new byte[] { 2, 2, 2 })));

        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest(EmulatorFixture.Bucket, key, initiate.UploadId, new[] { new CompletedPart(1, second.ETag) }));

        Assert.Equal(new byte[] { 2, 2, 2 }, _fixture.Emulator.ReadObject(EmulatorFixture.Bucket, key));
    }
}
