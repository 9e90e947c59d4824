namespace OssResumable.Integration.Tests.Protocol;

/// <summary>
/// <see cref="EmulatorFixture"/> over HTTPS, with the certificate this test process trusts through
/// SSL_CERT_FILE (<see cref="Tls.TestCertificateTrust"/>).
/// </summary>
public sealed class HttpsEmulatorFixture : EmulatorFixture
{
    protected override bool UseHttps => true;
}
