using System;
using System.IO;
using System.Threading.Tasks;
using OssResumable.Emulator;

namespace OssResumable.PowerShell.Tests.Integration;

/// <summary>One in-process emulator (loopback, free port, temp data) per test class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string AccessKeyId = "LTAI5tModuleTests";
    public const string Secret = "module-tests-secret-value";
    public const string Bucket = "pwsh-tests";

    private string? _directory;

    public OssEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "oss-pwsh-it-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var options = new EmulatorOptions { DataDirectory = _directory, Region = "cn-hangzhou" };
        options.Credentials.Add(new EmulatorCredential(AccessKeyId, Secret));
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
}
