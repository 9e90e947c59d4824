using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OssResumable.Core.Transfer;

namespace OssResumable.Core.Tests.Transfer.Fakes;

/// <summary>
/// The engine against <see cref="InMemoryOss"/>: real files and checkpoints in a temporary directory,
/// the service in memory. Parts are the smallest OSS allows, so a file of a few parts is tiny.
/// </summary>
internal sealed class EngineHarness : IDisposable
{
    public const string Bucket = "bucket";
    public const int Part = 102_400;

    private readonly TempDirectory _temp = new();

    public EngineHarness()
    {
        Uploader = new ResumableUploader(Oss, new UploaderSettings
        {
            CheckpointDirectory = CheckpointDirectory,
            Log = Log.Enqueue,
            ProgressInterval = TimeSpan.Zero,
            CleanupTimeout = TimeSpan.FromSeconds(5),
        });
    }

    public InMemoryOss Oss { get; } = new();

    public ResumableUploader Uploader { get; }

    public ConcurrentQueue<UploadLogEntry> Log { get; } = new();

    public string CheckpointDirectory => _temp.Combine("checkpoints");

    public IEnumerable<string> Warnings => Log.Where(e => e.Level == UploadLogLevel.Warning).Select(e => e.Message);

    /// <summary>Names of the files in the checkpoint directory (checkpoint, upload ID record, marker, lock).</summary>
    public IReadOnlyList<string> StateFiles =>
        Directory.Exists(CheckpointDirectory) ? Directory.GetFiles(CheckpointDirectory).Select(Path.GetFileName).ToList()! : new List<string>();

    /// <summary>A file of <paramref name="parts"/> parts, the last one shorter.</summary>
    public string CreateFile(int parts, int seed = 1, string name = "source.bin") =>
        _temp.WriteFile(name, TempDirectory.Pattern((parts * Part) - 1000, seed));

    public FileUploadRequest Request(string file, string key = "key", int threads = 1, bool noCheckpoint = false) => new(file, Bucket, key)
    {
        PartSize = Part,
        MultipartThreshold = Part,
        Threads = threads,
        DisableCheckpoint = noCheckpoint,
    };

    /// <summary>Makes UploadPart of <paramref name="partNumber"/> fail with 403 AccessDenied (not retryable) once.</summary>
    public void FailPartOnce(int partNumber)
    {
        bool failed = false;
        Oss.Fault = call =>
        {
            if (!failed && call.Operation == "UploadPart" && call.PartNumber == partNumber)
            {
                failed = true;
                return InMemoryOss.Error("UploadPart", call.Key, 403, "AccessDenied", "Denied by the test.");
            }

            return null;
        };
    }

    /// <summary>Runs an upload with one thread that fails at <paramref name="failingPart"/>, leaving the parts before it and the checkpoint.</summary>
    public async Task<UploadFailedException> InterruptAsync(string file, int failingPart, string key = "key")
    {
        FailPartOnce(failingPart);
        var failure = await Assert.ThrowsAsync<UploadFailedException>(() => Uploader.UploadFileAsync(Request(file, key)));
        Oss.Fault = null;
        return failure;
    }

    public void AssertObjectEqualsFile(string key, string file) => Assert.Equal(File.ReadAllBytes(file), Oss.ObjectBytes(Bucket, key));

    public void Dispose() => _temp.Dispose();
}
