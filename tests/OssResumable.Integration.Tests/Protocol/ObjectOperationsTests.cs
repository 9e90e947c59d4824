using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;

namespace OssResumable.Integration.Tests.Protocol;

public class ObjectOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ObjectOperationsTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task PutHeadGet_RoundTrip_BytesPropertiesAndCrcMatch(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version);
        using var data = new TestData();
        string key = EmulatorFixture.UniqueKey("object.bin");
        var options = new ObjectWriteOptions { ContentType = "application/x-test", StorageClass = "IA" };
        options.Metadata["Author"] = "alice";
        long progress = 0;

        var put = await client.PutObjectAsync(new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromFile(data.Path, 0, data.Bytes.Length), options)
        {
            Progress = d => progress += d,
        });
        var head = await client.HeadObjectAsync(EmulatorFixture.Bucket, key);
        using var get = await client.GetObjectAsync(new GetObjectRequest(EmulatorFixture.Bucket, key));
        using var copy = new MemoryStream();
        await get.Content.CopyToAsync(copy);

        Assert.Equal(TestData.WholeCrc64, put.Crc64);
        Assert.Equal("\"46BA4926938F9D141AD4BC4A0E01BC34\"", put.ETag);
        Assert.NotNull(put.RequestId);
        Assert.Equal(data.Bytes.Length, progress);
        Assert.Equal(data.Bytes.Length, head.ContentLength);
        Assert.Equal(TestData.WholeCrc64, head.Crc64);
        Assert.Equal("Normal", head.ObjectType);
        Assert.Equal("application/x-test", head.ContentType);
        Assert.Equal("IA", head.StorageClass);
        Assert.Equal("alice", head.Metadata["author"]);
        Assert.Equal(put.ETag, head.ETag);
        Assert.Equal(data.Bytes, copy.ToArray());
        Assert.Equal(data.Bytes, _fixture.Emulator.ReadObject(EmulatorFixture.Bucket, key));
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task GetObject_Range_ReturnsRequestedBytes(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version);
        string key = EmulatorFixture.UniqueKey("range.txt");
        await client.PutObjectAsync(new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromBytes(Encoding.ASCII.GetBytes("0123456789"))));

        using var get = await client.GetObjectAsync(new GetObjectRequest(EmulatorFixture.Bucket, key).WithRange(2, 5));
        using var copy = new MemoryStream();
        await get.Content.CopyToAsync(copy);

        Assert.Equal("2345", Encoding.ASCII.GetString(copy.ToArray()));
        Assert.Equal(4, get.Properties.ContentLength);
        Assert.Equal("bytes 2-5/10", get.ContentRange);
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1, "a/../b")]
    [InlineData(OssSignatureVersion.V4, "a/../b")]
    [InlineData(OssSignatureVersion.V1, "a\\b")]
    [InlineData(OssSignatureVersion.V4, "a\\b")]
    [InlineData(OssSignatureVersion.V1, "%2F")]
    [InlineData(OssSignatureVersion.V4, "%2F")]
    [InlineData(OssSignatureVersion.V4, "..")]
    [InlineData(OssSignatureVersion.V4, "./x/./y")]
    [InlineData(OssSignatureVersion.V1, "sp ace+plus&amp=?#")]
    [InlineData(OssSignatureVersion.V4, "sp ace+plus&amp=?#")]
    [InlineData(OssSignatureVersion.V4, "数据/文件 ✓.bin")]
    [InlineData(OssSignatureVersion.V4, "dir/")]
    public async Task PutObject_TrickyKey_StoredUnderExactKey(OssSignatureVersion version, string key)
    {
        using var client = _fixture.CreateClient(version);
        string bucket = version == OssSignatureVersion.V1 ? "tricky-v1" : "tricky-v4";
        _fixture.Emulator.CreateBucket(bucket);
        byte[] bytes = Encoding.UTF8.GetBytes("key:" + key);

        await client.PutObjectAsync(new PutObjectRequest(bucket, key, RequestBody.FromBytes(bytes)));
        var head = await client.HeadObjectAsync(bucket, key);

        Assert.Equal(bytes.Length, head.ContentLength);
        Assert.NotNull(_fixture.Emulator.GetObjectInfo(bucket, key));
        Assert.Equal(bytes, _fixture.Emulator.ReadObject(bucket, key));
        await client.DeleteObjectAsync(bucket, key);
        Assert.Null(_fixture.Emulator.GetObjectInfo(bucket, key));
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task HeadObject_Missing_Is404NoSuchKeyFromErrHeader(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.HeadObjectAsync(EmulatorFixture.Bucket, EmulatorFixture.UniqueKey("missing")));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("NoSuchKey", ex.ErrorCode);
        Assert.NotNull(ex.RequestId);
        Assert.False(ex.IsRetryable);
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task GetObject_Missing_Is404NoSuchKey(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.GetObjectAsync(new GetObjectRequest(EmulatorFixture.Bucket, EmulatorFixture.UniqueKey("missing"))));

        Assert.Equal("NoSuchKey", ex.ErrorCode);
    }

    [Fact]
    public async Task DeleteObject_ExistingAndMissing_BothSucceed()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);
        string key = EmulatorFixture.UniqueKey("delete-me");
        await client.PutObjectAsync(new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromBytes(new byte[] { 1 })));

        await client.DeleteObjectAsync(EmulatorFixture.Bucket, key);
        await client.DeleteObjectAsync(EmulatorFixture.Bucket, key);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.HeadObjectAsync(EmulatorFixture.Bucket, key));
        Assert.Equal(404, ex.StatusCode);
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task PutObject_ForbidOverwriteOnExistingKey_Is409FileAlreadyExists(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version);
        string key = EmulatorFixture.UniqueKey("exists");
        await client.PutObjectAsync(new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromBytes(new byte[] { 1 })));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.PutObjectAsync(
            new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromBytes(new byte[] { 2 }), new ObjectWriteOptions { ForbidOverwrite = true })));

        Assert.Equal(409, ex.StatusCode);
        Assert.Equal("FileAlreadyExists", ex.ErrorCode);
        Assert.Equal(new byte[] { 1 }, _fixture.Emulator.ReadObject(EmulatorFixture.Bucket, key));
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task PutBucket_NewName_BucketExists(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version);
        string bucket = "new-" + Guid.NewGuid().ToString("N").Substring(0, 10) + (version == OssSignatureVersion.V1 ? "-v1" : "-v4");

        await client.PutBucketAsync(bucket);

        Assert.Contains(bucket, _fixture.Emulator.ListBuckets());
    }

    [Fact]
    public async Task AnyOperation_UnknownBucket_Is404NoSuchBucket()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.PutObjectAsync(new PutObjectRequest("no-such-bucket-x", "k", RequestBody.FromBytes(new byte[] { 1 }))));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("NoSuchBucket", ex.ErrorCode);
    }

    [Fact]
    public async Task VirtualHostedAddressing_ThroughProxy_Works()
    {
        // bucket.localhost does not resolve here, so the emulator is also the HTTP proxy: the request
        // goes out in absolute form with Host: itest.localhost:<port>, exactly as virtual-hosted style sends it.
        using var client = _fixture.CreateClient(OssSignatureVersion.V4, configure: o =>
        {
            o.Endpoint = new Uri("http://localhost:" + _fixture.Emulator.Port);
            o.UsePathStyle = false;
            o.Proxy = new WebProxy(_fixture.Emulator.Endpoint) { BypassProxyOnLocal = false };
        });
        string key = EmulatorFixture.UniqueKey("virtual a+b.txt");

        await client.PutObjectAsync(new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromBytes(new byte[] { 7, 8 })));

        Assert.False(client.UsesPathStyle);
        Assert.Equal(new byte[] { 7, 8 }, _fixture.Emulator.ReadObject(EmulatorFixture.Bucket, key));
    }
}
