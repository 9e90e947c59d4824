namespace OssResumable.Integration.Tests.Protocol;

/// <summary>
/// Every test of <see cref="MultipartTests"/> again over HTTPS: the client's TLS path under the same
/// conditions. The base class's HTTP fixture is created for this class too but not used.
/// </summary>
public sealed class MultipartOverHttpsTests : MultipartTests, IClassFixture<HttpsEmulatorFixture>
{
    public MultipartOverHttpsTests(HttpsEmulatorFixture fixture)
        : base(fixture)
    {
    }
}
