namespace OssResumable.Integration.Tests.Transfer;

/// <summary>
/// <see cref="TransferFixture"/> over HTTPS: the emulator serves TLS with the certificate this test
/// process trusts through SSL_CERT_FILE (<see cref="Tls.TestCertificateTrust"/>), so the client
/// under test validates it exactly as it would validate OSS's certificate.
/// </summary>
public sealed class HttpsTransferFixture : TransferFixture
{
    protected override bool UseHttps => true;
}
