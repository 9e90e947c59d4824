using System;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;

namespace OssResumable.Integration.Tests.Protocol;

public class AuthenticationTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public AuthenticationTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task WrongSecret_Is403SignatureDoesNotMatchAndNotRetried(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version, credentials: new OssCredentials(EmulatorFixture.AccessKeyId, "wrong-secret"));
        string key = EmulatorFixture.UniqueKey("auth");

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.HeadObjectAsync(EmulatorFixture.Bucket, key));

        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        Assert.DoesNotContain("wrong-secret", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecret_PutObject_NotRetried()
    {
        int retries = 0;
        using var client = _fixture.CreateClient(OssSignatureVersion.V4, credentials: new OssCredentials(EmulatorFixture.AccessKeyId, "wrong-secret"),
            configure: o => o.RetryObserver = _ => retries++);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.PutObjectAsync(
            new PutObjectRequest(EmulatorFixture.Bucket, EmulatorFixture.UniqueKey("auth"), RequestBody.FromBytes(new byte[] { 1, 2, 3 }))));

        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        Assert.Equal(0, retries);
    }

    [Fact]
    public async Task UnknownAccessKey_Is403InvalidAccessKeyId()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4, credentials: new OssCredentials("LTAI-unknown", "x"));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.HeadObjectAsync(EmulatorFixture.Bucket, "k"));

        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("InvalidAccessKeyId", ex.ErrorCode);
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task StsToken_Valid_Works(OssSignatureVersion version)
    {
        using var client = _fixture.CreateClient(version, credentials: new OssCredentials(EmulatorFixture.StsAccessKeyId, EmulatorFixture.StsSecret, EmulatorFixture.StsToken));
        string key = EmulatorFixture.UniqueKey("sts");

        await client.PutObjectAsync(new PutObjectRequest(EmulatorFixture.Bucket, key, RequestBody.FromBytes(new byte[] { 5 })));

        Assert.Equal(new byte[] { 5 }, _fixture.Emulator.ReadObject(EmulatorFixture.Bucket, key));
    }

    [Fact]
    public async Task StsToken_Missing_IsRejected()
    {
        using var client = _fixture.CreateClient(OssSignatureVersion.V4, credentials: new OssCredentials(EmulatorFixture.StsAccessKeyId, EmulatorFixture.StsSecret));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.HeadObjectAsync(EmulatorFixture.Bucket, "k"));

        Assert.Equal(403, ex.StatusCode);
    }

    [Fact]
    public async Task StsToken_Expired_Is403SecurityTokenExpiredNotRetried()
    {
        int retries = 0;
        using var client = _fixture.CreateClient(OssSignatureVersion.V4,
            credentials: new OssCredentials(EmulatorFixture.ExpiredStsAccessKeyId, EmulatorFixture.StsSecret, EmulatorFixture.StsToken),
            configure: o => o.RetryObserver = _ => retries++);

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.HeadObjectAsync(EmulatorFixture.Bucket, "k"));

        Assert.Equal("SecurityTokenExpired", ex.ErrorCode);
        Assert.DoesNotContain(EmulatorFixture.StsToken, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, retries);
    }
}
