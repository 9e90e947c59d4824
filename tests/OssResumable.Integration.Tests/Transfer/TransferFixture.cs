using System;
using System.IO;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.Emulator;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>
/// One in-process emulator (loopback, free port) and one temporary directory per test class. At
/// the end the bucket must hold no multipart upload: every test leaves nothing behind on OSS.
/// Over HTTP; <see cref="HttpsTransferFixture"/> is the same over HTTPS.
/// </summary>
public class TransferFixture : IAsyncLifetime
{
    public const string AccessKeyId = "LTAI5tTransferKey";
    public const string Secret = "transfer-secret-value-never-logged";
    public const string Bucket = "transfer";

    public OssEmulator Emulator { get; private set; } = null!;

    /// <summary>Temporary directory for files and checkpoints of this class, removed at the end.</summary>
    public string Root { get; private set; } = null!;

    /// <summary>Whether the emulator serves HTTPS (with the certificate this process trusts, <see cref="Tls.TestCertificateTrust"/>).</summary>
    protected virtual bool UseHttps => false;

    public async Task InitializeAsync()
    {
        Root = Path.Combine(Path.GetTempPath(), "oss-transfer-it-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        var options = new EmulatorOptions { DataDirectory = Path.Combine(Root, "emulator"), Region = "cn-hangzhou" };
        if (UseHttps)
        {
            options.Https = true;
            options.Certificate = Tls.TestCertificateTrust.Certificate;
        }

        options.Credentials.Add(new EmulatorCredential(AccessKeyId, Secret));
        options.Buckets.Add(Bucket);
        Emulator = await OssEmulator.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        try
        {
            Assert.Empty(Emulator.ListUploads(Bucket));
        }
        finally
        {
            await Emulator.DisposeAsync();
            Directory.Delete(Root, recursive: true);
        }
    }

    public OssClient CreateClient(int maxRetries = 3, Action<OssClientOptions>? configure = null)
    {
        var options = new OssClientOptions
        {
            Endpoint = Emulator.Endpoint,
            Region = "cn-hangzhou",
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(2),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        return new OssClient(options, new OssCredentials(AccessKeyId, Secret));
    }

    /// <summary>A fresh directory under <see cref="Root"/>.</summary>
    public string NewDirectory(string name)
    {
        string path = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A file of <paramref name="size"/> deterministic pseudo-random bytes.</summary>
    public string CreateFile(long size, int seed = 1, string? name = null)
    {
        string path = Path.Combine(NewDirectory("files"), name ?? "data.bin");
        File.WriteAllBytes(path, TestBytes.Create(size, seed));
        return path;
    }

    public static string UniqueKey(string suffix) => "t-" + Guid.NewGuid().ToString("N").Substring(0, 10) + "/" + suffix;

    public void AssertNoUploads() => Assert.Empty(Emulator.ListUploads(Bucket));
}
