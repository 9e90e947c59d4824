using System;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

/// <summary>
/// A TLS failure (untrusted, expired or wrong-host certificate) is its own typed error that names the
/// host and says how to trust a private CA, and it is not retried. The real handshake over the
/// emulator's HTTPS is covered by the integration tests.
/// </summary>
public class TlsFailureTests
{
    private static HttpRequestException Untrusted() => new(
        "The SSL connection could not be established, see inner exception.",
        new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));

    [Fact]
    public async Task UntrustedCertificate_OssTlsExceptionNamingHostAndAdviceWithoutRetrying()
    {
        var handler = new FakeOssHandler((_, _, _) => throw Untrusted());
        OssClientOptions options = TestClients.Options(maxRetries: 3);
        options.Endpoint = new Uri("https://127.0.0.1:9443");
        using OssClient client = TestClients.Create(handler, options, new OssCredentials(TestClients.AccessKeyId, TestClients.Secret, TestClients.Token));

        var ex = await Assert.ThrowsAsync<OssTlsException>(() => client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest("bucket", "dir/k")));

        Assert.Single(handler.RequestList);
        Assert.False(ex.IsRetryable);
        Assert.Equal("127.0.0.1:9443", ex.Host);
        Assert.Equal("InitiateMultipartUpload", ex.Operation);
        Assert.Contains("127.0.0.1:9443", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UntrustedRoot", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SSL_CERT_FILE", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Trusted Root Certification Authorities", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.Secret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.Token, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsFailureBehindWebException_AsOnNetFramework_IsOssTlsException()
    {
#pragma warning disable SYSLIB0014 // The shape .NET Framework's HttpClientHandler produces.
        var handler = new FakeOssHandler((_, _, _) => throw new HttpRequestException(
            "An error occurred while sending the request.",
            new WebException("The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.", new AuthenticationException("The remote certificate is invalid according to the validation procedure."), WebExceptionStatus.TrustFailure, null)));
#pragma warning restore SYSLIB0014
        using OssClient client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OssTlsException>(() => client.DeleteObjectAsync("bucket", "k"));

        Assert.Single(handler.RequestList);
        Assert.Contains("validation procedure", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VirtualHostedEndpoint_HostIsTheBucketHost()
    {
        var handler = new FakeOssHandler((_, _, _) => throw Untrusted());
        OssClientOptions options = TestClients.Options(maxRetries: 0);
        options.Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com");
        using OssClient client = TestClients.Create(handler, options);

        var ex = await Assert.ThrowsAsync<OssTlsException>(() => client.DeleteObjectAsync("bucket", "k"));

        Assert.Equal("bucket.oss-cn-hangzhou.aliyuncs.com", ex.Host);
    }

    [Fact]
    public async Task OtherTransportFailure_StaysOssTransportExceptionAndIsRetried()
    {
        var handler = new FakeOssHandler((_, _, _) => throw new HttpRequestException("Connection refused"));
        using OssClient client = TestClients.Create(handler, TestClients.Options(maxRetries: 2));

        await Assert.ThrowsAsync<OssTransportException>(() => client.DeleteObjectAsync("bucket", "k"));

        Assert.Equal(3, handler.RequestList.Count);
    }
}
