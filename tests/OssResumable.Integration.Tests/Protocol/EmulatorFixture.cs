using System;
using System.IO;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.Emulator;

namespace OssResumable.Integration.Tests.Protocol;

/// <summary>
/// One in-process emulator (loopback, free port, temp data directory) per test class, over HTTP;
/// <see cref="HttpsEmulatorFixture"/> is the same over HTTPS.
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    public const string AccessKeyId = "LTAI5tIntegrationKey";
    public const string Secret = "integration-secret-value";
    public const string StsAccessKeyId = "STS.IntegrationKey";
    public const string StsSecret = "sts-secret-value";
    public const string StsToken = "sts-token-value";
    public const string ExpiredStsAccessKeyId = "STS.ExpiredKey";
    public const string Bucket = "itest";

    private string? _directory;

    public OssEmulator Emulator { get; private set; } = null!;

    /// <summary>Whether the emulator serves HTTPS (with the certificate this process trusts, <see cref="Tls.TestCertificateTrust"/>).</summary>
    protected virtual bool UseHttps => false;

    public async Task InitializeAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "oss-client-it-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var options = new EmulatorOptions { DataDirectory = _directory, Region = "cn-hangzhou" };
        if (UseHttps)
        {
            options.Https = true;
            options.Certificate = Tls.TestCertificateTrust.Certificate;
        }

        options.Credentials.Add(new EmulatorCredential(AccessKeyId, Secret));
        options.Credentials.Add(new EmulatorCredential(StsAccessKeyId, StsSecret, StsToken, DateTimeOffset.UtcNow.AddDays(1)));
        options.Credentials.Add(new EmulatorCredential(ExpiredStsAccessKeyId, StsSecret, StsToken, DateTimeOffset.UtcNow.AddDays(-1)));
        options.Buckets.Add(Bucket);
        Emulator = await OssEmulator.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public OssClient CreateClient(OssSignatureVersion version, int maxRetries = 3, OssCredentials? credentials = null, Action<OssClientOptions>? configure = null)
    {
        var options = new OssClientOptions
        {
            Endpoint = Emulator.Endpoint,
            Region = "cn-hangzhou",
            SignatureVersion = version,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return new OssClient(options, credentials ?? new OssCredentials(AccessKeyId, Secret));
    }

    public static string UniqueKey(string suffix) => "it-" + Guid.NewGuid().ToString("N").Substring(0, 12) + "/" + suffix;
}
