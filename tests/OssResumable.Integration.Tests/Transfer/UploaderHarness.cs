using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.Core.Upload;

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

    public void Dispose() => Client.Dispose();
}
