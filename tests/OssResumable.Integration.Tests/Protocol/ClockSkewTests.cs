using System;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;

namespace OssResumable.Integration.Tests.Protocol;

/// <summary>The emulator's clock runs 30 minutes ahead: the client must learn the offset and keep it.</summary>
public class ClockSkewTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ClockSkewTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Emulator.ClockOffset = TimeSpan.FromMinutes(30);
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task RequestTimeTooSkewed_ClientCorrectsClockRetriesAndKeepsOffset(OssSignatureVersion version)
    {
        int retries = 0;
        using var client = _fixture.CreateClient(version, configure: o => o.RetryObserver = n =>
        {
            Assert.Equal("RequestTimeTooSkewed", Assert.IsType<OssServiceException>(n.Exception).ErrorCode);
            retries++;
        });
        string key = EmulatorFixture.UniqueKey("skew");

        await client.PutObjectAsync(new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromBytes(new byte[] { 1, 2 })));
        int retriesAfterFirst = retries;
        var head = await client.HeadObjectAsync(EmulatorFixture.Bucket, key);

        Assert.Equal(1, retriesAfterFirst);
        Assert.Equal(1, retries);
        Assert.Equal(2, head.ContentLength);
        Assert.InRange(client.ClockOffset, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
    }

    [Fact]
    public async Task RequestTimeTooSkewed_RetriesDisabled_SurfacesErrorButLearnsOffset()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4, maxRetries: 0);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.HeadObjectAsync(EmulatorFixture.Bucket, "k"));
        var second = await Assert.ThrowsAsync<OssServiceException>(() => client.HeadObjectAsync(EmulatorFixture.Bucket, "k"));

        Assert.Equal("RequestTimeTooSkewed", ex.ErrorCode);
        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("NoSuchKey", second.ErrorCode);
    }
}
