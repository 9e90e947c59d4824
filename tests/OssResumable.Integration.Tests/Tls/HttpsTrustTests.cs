using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.Emulator;
using OssResumable.Integration.Tests.Transfer;

namespace OssResumable.Integration.Tests.Tls;

/// <summary>
/// How the client trusts an HTTPS endpoint: only through the operating system's trust store (on
/// Linux, .NET honours SSL_CERT_FILE and SSL_CERT_DIR), never by switching validation off; an
/// untrusted certificate is a typed error that names the host and what to do, and is not retried.
/// The emulator serves its own self-signed certificate here (not the one this process trusts).
/// </summary>
public sealed class HttpsTrustTests : IAsyncLifetime
{
    private const string AccessKeyId = "LTAI5tTlsKey";
    private const string Secret = "tls-secret-value-never-logged";
    private const string Bucket = "tls";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ossr-tls-it-" + Guid.NewGuid().ToString("N"));
    private OssEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        var options = new EmulatorOptions { DataDirectory = Path.Combine(_root, "emulator"), Region = "cn-hangzhou", Https = true };
        options.Credentials.Add(new EmulatorCredential(AccessKeyId, Secret));
        options.Buckets.Add(Bucket);
        _emulator = await OssEmulator.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Client_CertificateNotTrusted_OssTlsExceptionNamingHostWithoutRetry()
    {
        using var client = new OssClient(
            new OssClientOptions { Endpoint = _emulator.Endpoint, Region = "cn-hangzhou", MaxRetries = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(1) },
            new OssCredentials(AccessKeyId, Secret));

        OssTlsException ex = await Assert.ThrowsAsync<OssTlsException>(() => client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(Bucket, "k")));

        string host = "127.0.0.1:" + _emulator.Port.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(host, ex.Host);
        Assert.Contains(host, ex.Message, StringComparison.Ordinal);
        Assert.Contains("UntrustedRoot", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SSL_CERT_FILE", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, _emulator.GetStatistics().ConnectionsAccepted);
        Assert.Empty(_emulator.GetStatistics().Requests);
    }

    [Fact]
    public async Task Uploader_CertificateNotTrusted_FailsAtOnceLeavingNothingBehind()
    {
        string file = Path.Combine(_root, "file.bin");
        await File.WriteAllBytesAsync(file, TestBytes.Create(300_000, 3));
        using var client = new OssClient(new OssClientOptions { Endpoint = _emulator.Endpoint, Region = "cn-hangzhou" }, new OssCredentials(AccessKeyId, Secret));
        string checkpoints = Path.Combine(_root, "checkpoints");
        var uploader = new ResumableUploader(client, new UploaderSettings { CheckpointDirectory = checkpoints });

        UploadFailedException ex = await Assert.ThrowsAsync<UploadFailedException>(() =>
            uploader.UploadFileAsync(new FileUploadRequest(file, Bucket, "k") { PartSize = 102400, MultipartThreshold = 102400 }));

        Assert.IsType<OssTlsException>(ex.InnerException);
        Assert.Equal(1, _emulator.GetStatistics().ConnectionsAccepted);
        Assert.Empty(_emulator.ListUploads(Bucket));
        Assert.Empty(Directory.Exists(checkpoints) ? Directory.EnumerateFileSystemEntries(checkpoints) : Array.Empty<string>());
    }

    [LinuxFact("SSL_CERT_FILE is how .NET takes extra trusted certificates on Linux")]
    public async Task Driver_EmulatorCertificateInSslCertFile_UploadsOverPooledTlsConnections()
    {
        (string file, string key) = await CreateFileAsync("cert-file");

        DriverTests.DriverRun run = await RunDriverAsync(file, key, ("SSL_CERT_FILE", _emulator.CertificatePath));

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(await File.ReadAllBytesAsync(file), _emulator.ReadObject(Bucket, key));
        Assert.Equal(8, _emulator.GetRequestCount(EmulatorOperation.UploadPart));
        long connections = _emulator.GetStatistics().ConnectionsAccepted;
        Assert.True(connections <= 4, connections + " TLS connections for 4 threads: pooled connections were not reused.");
    }

    [LinuxFact("SSL_CERT_DIR is how .NET takes extra trusted certificates on Linux")]
    public async Task Driver_EmulatorCertificateInSslCertDir_Uploads()
    {
        (string file, string key) = await CreateFileAsync("cert-dir");
        string directory = Path.Combine(_root, "trusted-certificates");
        Directory.CreateDirectory(directory);
        File.Copy(_emulator.CertificatePath!, Path.Combine(directory, "emulator.pem"));

        DriverTests.DriverRun run = await RunDriverAsync(file, key, ("SSL_CERT_DIR", directory), ("SSL_CERT_FILE", null));

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(await File.ReadAllBytesAsync(file), _emulator.ReadObject(Bucket, key));
    }

    [LinuxFact("the driver's trust store is the Linux one")]
    public async Task Driver_CertificateNotTrusted_ExitsAtOnceNamingHostAndWhatToDo()
    {
        (string file, string key) = await CreateFileAsync("untrusted");

        DriverTests.DriverRun run = await RunDriverAsync(file, key, ("SSL_CERT_FILE", null), ("SSL_CERT_DIR", null));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("127.0.0.1:" + _emulator.Port.ToString(CultureInfo.InvariantCulture), run.StandardError, StringComparison.Ordinal);
        Assert.Contains("SSL_CERT_FILE", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, _emulator.GetStatistics().ConnectionsAccepted);
        Assert.Empty(_emulator.ListUploads(Bucket));
    }

    private async Task<(string File, string Key)> CreateFileAsync(string name)
    {
        string file = Path.Combine(_root, name + ".bin");
        await File.WriteAllBytesAsync(file, TestBytes.Create((8 * 102400) - 1000, 5));
        return (file, name + "/object.bin");
    }

    private Task<DriverTests.DriverRun> RunDriverAsync(string file, string key, params (string Name, string? Value)[] environment)
    {
        Dictionary<string, string?> variables = DriverTests.Credentials(AccessKeyId, Secret);
        foreach ((string name, string? value) in environment)
        {
            variables[name] = value;
        }

        return DriverTests.RunAsync(
            variables,
            "upload", "--endpoint", _emulator.Endpoint.ToString(), "--region", "cn-hangzhou", "--bucket", Bucket, "--key", key, "--file", file,
            "--checkpoint-dir", Path.Combine(_root, "checkpoints-" + key.Replace('/', '-')), "--part-size", "102400", "--multipart-threshold", "102400", "--threads", "4");
    }
}
