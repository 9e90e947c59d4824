namespace OssResumable.Integration.Tests.Transfer;

/// <summary>
/// Every test of <see cref="UploadHappyPathTests"/> again over HTTPS (TLS handshakes, pooled TLS connections,
/// certificate validation through the OS trust store). The base class's HTTP fixture is created
/// for this class too but not used.
/// </summary>
public sealed class UploadHappyPathOverHttpsTests : UploadHappyPathTests, IClassFixture<HttpsTransferFixture>
{
    public UploadHappyPathOverHttpsTests(HttpsTransferFixture fixture)
        : base(fixture)
    {
    }
}
