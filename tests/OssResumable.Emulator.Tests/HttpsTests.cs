using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

/// <summary>
/// <see cref="EmulatorOptions.Https"/>: TLS with the emulator's own self-signed certificate (or a
/// given one). The clients here trust exactly the served certificate (full chain and name
/// validation with it as the only root), never "any certificate".
/// </summary>
public sealed class HttpsTests : IAsyncLifetime
{
    private const string AccessKeyId = "tls-ak";
    private const string Secret = "tls-secret";
    private const string Bucket = "tls-bucket";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "oss-emulator-https-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The test did not start an emulator.
        }

        return Task.CompletedTask;
    }

    /// <summary>An HttpClient whose only trusted root is <paramref name="trusted"/>; every connection goes to 127.0.0.1.</summary>
    internal static HttpClient TrustingClient(X509Certificate2 trusted, int port)
    {
        var handler = new SocketsHttpHandler
        {
            // Host names such as bucket.oss.localhost resolve to loopback (as RFC 6761 reserves them).
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificate(trusted.RawData));
        return new HttpClient(handler);
    }

    private Task<OssEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { DataDirectory = _data, Https = true, Credentials = { new EmulatorCredential(AccessKeyId, Secret) }, Buckets = { Bucket } };
        configure?.Invoke(options);
        return OssEmulator.StartAsync(options);
    }

    private static OssTestClient Client(OssEmulator emulator, X509Certificate2 trusted) =>
        new(emulator.Endpoint, AccessKeyId, Secret) { Http = TrustingClient(trusted, emulator.Port) };

    [Fact]
    public async Task StartAsync_Https_ServesTlsWithItsOwnLoopbackCertificate()
    {
        await using OssEmulator emulator = await StartAsync();
        X509Certificate2 served = X509CertificateLoader.LoadCertificateFromFile(emulator.CertificatePath!);
        OssTestClient client = Client(emulator, served);

        OssResponse put = await client.SendAsync("PUT", Bucket, "k", body: new byte[] { 1, 2, 3 });
        OssResponse get = await client.SendAsync("GET", Bucket, "k");

        Assert.Equal("https", emulator.Endpoint.Scheme);
        Assert.Equal("https", emulator.Scheme);
        Assert.Equal(Path.Combine(_data, "tls", "certificate.pem"), emulator.CertificatePath);
        Assert.Equal(served.Thumbprint, emulator.Certificate!.Thumbprint);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(new byte[] { 1, 2, 3 }, get.Body);
    }

    [Fact]
    public async Task CompleteMultipartUpload_OverHttps_LocationIsHttps()
    {
        await using OssEmulator emulator = await StartAsync();
        OssTestClient client = Client(emulator, emulator.Certificate!);
        string uploadId = (await client.SendAsync("POST", Bucket, "m", new[] { OssTestClient.Q("uploads") })).XmlValue("UploadId")!;
        string eTag = (await client.SendAsync("PUT", Bucket, "m", new[] { OssTestClient.Q("partNumber", "1"), OssTestClient.Q("uploadId", uploadId) }, new byte[] { 1 })).Header("ETag")!;

        OssResponse complete = await client.SendAsync("POST", Bucket, "m", new[] { OssTestClient.Q("uploadId", uploadId) }, OssTestClient.Utf8(EmulatorTestBase.CompleteXml(new[] { (1, eTag) })));

        Assert.Equal(HttpStatusCode.OK, complete.Status);
        Assert.StartsWith("https://127.0.0.1:", complete.XmlValue("Location"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnCertificate_IsAnEndEntityForLoopbackNamesOnly()
    {
        await using OssEmulator emulator = await StartAsync();
        X509Certificate2 certificate = X509CertificateLoader.LoadCertificateFromFile(emulator.CertificatePath!);

        X509SubjectAlternativeNameExtension names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(new[] { "localhost", "*.localhost" }, names.EnumerateDnsNames());
        Assert.Equal(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }, names.EnumerateIPAddresses());
        Assert.False(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.True(certificate.NotAfter > DateTime.Now.AddDays(300));
        Assert.DoesNotContain("PRIVATE KEY", await File.ReadAllTextAsync(emulator.CertificatePath!), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_data, "tls", "certificate.key.pem")));
        }
    }

    [Fact]
    public async Task Restart_SameDataDirectory_ServesTheSameCertificate()
    {
        string first;
        await using (OssEmulator emulator = await StartAsync())
        {
            first = emulator.Certificate!.Thumbprint;
        }

        await using OssEmulator restarted = await StartAsync();
        OssTestClient client = Client(restarted, X509CertificateLoader.LoadCertificateFromFile(restarted.CertificatePath!));

        Assert.Equal(first, restarted.Certificate!.Thumbprint);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync("GET", Bucket, null, new[] { OssTestClient.Q("acl") })).Status);
    }

    [Fact]
    public async Task Restart_CertificateExpiringWithinAMonth_IsReplaced()
    {
        string first;
        await using (OssEmulator emulator = await StartAsync())
        {
            first = emulator.Certificate!.Thumbprint;
        }

        var later = new ShiftedTimeProvider(TimeSpan.FromDays(340));
        await using OssEmulator restarted = await StartAsync(o => o.TimeProvider = later);

        Assert.NotEqual(first, restarted.Certificate!.Thumbprint);
        Assert.True(restarted.Certificate.NotAfter > later.GetUtcNow().AddDays(300).UtcDateTime);
    }

    [Fact]
    public async Task HostDomain_VirtualHostedBucketNamesAreCovered()
    {
        await using OssEmulator emulator = await StartAsync(o => o.HostDomain = "oss.localhost");
        OssTestClient client = Client(emulator, emulator.Certificate!);
        client.VirtualHostDomain = "oss.localhost";

        OssResponse put = await client.SendAsync("PUT", Bucket, "vhost", body: new byte[] { 7 });

        Assert.Equal(new Uri("https://" + Bucket + ".oss.localhost:" + emulator.Port), emulator.GetVirtualHostedEndpoint(Bucket));
        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
        Assert.Equal(new byte[] { 7 }, emulator.ReadObject(Bucket, "vhost"));
    }

    [Fact]
    public async Task GivenCertificate_IsServedAndNotWrittenToTheDataDirectory()
    {
        using X509Certificate2 given = OssResumable.Emulator.Tls.EmulatorCertificate.Create("localhost", DateTimeOffset.UtcNow);
        await using OssEmulator emulator = await StartAsync(o => o.Certificate = given);
        OssTestClient client = Client(emulator, given);

        Assert.Null(emulator.CertificatePath);
        Assert.Equal(given.Thumbprint, emulator.Certificate!.Thumbprint);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync("GET", Bucket, null, new[] { OssTestClient.Q("acl") })).Status);
        Assert.False(Directory.Exists(Path.Combine(_data, "tls")));
    }

    [Fact]
    public async Task ClientThatDoesNotTrustTheCertificate_IsRefusedInTheHandshake()
    {
        await using OssEmulator emulator = await StartAsync();
        using var untrusting = new HttpClient();

        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(new Uri(emulator.Endpoint, "/_emulator/health")));

        Assert.IsType<AuthenticationException>(ex.InnerException);
        Assert.Equal(0, emulator.GetStatistics().Requests.Values.Sum());
        Assert.Equal(1, emulator.GetStatistics().ConnectionsAccepted);
    }

    [Fact]
    public async Task ConnectionsAccepted_PooledClientReusesOneConnection()
    {
        await using OssEmulator emulator = await StartAsync();
        OssTestClient client = Client(emulator, emulator.Certificate!);

        for (int i = 0; i < 5; i++)
        {
            await client.SendAsync("PUT", Bucket, "k" + i, body: new byte[] { (byte)i });
        }

        Assert.Equal(5, emulator.GetRequestCount(EmulatorOperation.PutObject));
        Assert.Equal(1, emulator.GetStatistics().ConnectionsAccepted);
    }

    [Fact]
    public async Task StartAsync_CertificateWithoutHttps_ArgumentException()
    {
        using X509Certificate2 given = OssResumable.Emulator.Tls.EmulatorCertificate.Create("localhost", DateTimeOffset.UtcNow);

        await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(o =>
        {
            o.Https = false;
            o.Certificate = given;
        }));
    }

    private sealed class ShiftedTimeProvider : TimeProvider
    {
        private readonly TimeSpan _shift;

        public ShiftedTimeProvider(TimeSpan shift) => _shift = shift;

        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _shift;
    }
}
