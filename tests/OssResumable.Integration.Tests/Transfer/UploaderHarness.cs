using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>An uploader against the class's emulator, with its own checkpoint directory and captured log.</summary>
internal sealed class UploaderHarness : IDisposable
{
    public const long SmallPart = UploadLimits.MinPartSize;

    private readonly TransferFixture _fixture;

    public UploaderHarness(TransferFixture fixture, int maxRetries = 3, Action<OssClientOptions>? configureClient = null, Action<UploaderSettings>? configure = null)
    {
        _fixture = fixture;
        CheckpointDirectory = fixture.NewDirectory("checkpoints");
        Client = fixture.CreateClient(maxRetries, configureClient);
        var settings = new UploaderSettings
        {
            CheckpointDirectory = CheckpointDirectory,
            Log = Log.Enqueue,
            ProgressInterval = TimeSpan.Zero,
            CleanupTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(settings);
        Uploader = new ResumableUploader(Client, settings);
    }

    public OssClient Client { get; }

    public ResumableUploader Uploader { get; }

    public string CheckpointDirectory { get; }

    public ConcurrentQueue<UploadLogEntry> Log { get; } = new();

    public IEnumerable<string> Warnings => Log.Where(e => e.Level == UploadLogLevel.Warning).Select(e => e.Message);

    public IEnumerable<string> CheckpointFiles => Directory.EnumerateFiles(CheckpointDirectory, "*.checkpoint.json");

    public static FileUploadRequest Request(string file, string key, long? partSize = SmallPart, int threads = 4) => new(file, TransferFixture.Bucket, key)
    {
        PartSize = partSize,
        MultipartThreshold = partSize ?? UploadLimits.DefaultMultipartThreshold,
        Threads = threads,
    };

    public void AssertObjectEqualsFile(string key, string file)
    {
        byte[] stored = _fixture.Emulator.ReadObject(TransferFixture.Bucket, key);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(file)), SHA256.HashData(stored));
    }

    /// <summary>Downloads the object with GetObject (the client verifies its CRC-64) and compares SHA-256 with the file.</summary>
    public async System.Threading.Tasks.Task AssertDownloadEqualsFileAsync(string key, string file)
    {
        using GetObjectResult result = await Client.GetObjectAsync(new GetObjectRequest(TransferFixture.Bucket, key));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = await result.Content.ReadAsync(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        Assert.Equal(SHA256.HashData(File.ReadAllBytes(file)), sha.GetHashAndReset());
    }

    public void Dispose() => Client.Dispose();
}
