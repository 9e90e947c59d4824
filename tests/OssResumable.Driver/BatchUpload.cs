using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.Core.Planning;

namespace OssResumable.Driver;

/// <summary>
/// <c>upload-many</c>: every file under a directory, the way <c>Send-OssFile -Threads N</c> runs a
/// pipeline of files — at most N files at once, all sharing one <see cref="TransferThrottle"/> of N
/// data requests — so benchmarks can time many small files through the engine in one process.
/// </summary>
internal static class BatchUpload
{
    public static readonly string[] Options =
    {
        "bucket", "dir", "prefix", "threads", "max-bytes-per-second", "part-size", "checkpoint-dir", "no-checkpoint", "multipart-threshold",
    };

    public static async Task<int> RunAsync(CommandLine line, OssClient client, DriverConsole console, CancellationToken token)
    {
        string bucket = line.Required("bucket");
        string directory = line.OptionalPath("dir") ?? throw new UsageException("Option --dir is required.");
        string prefix = line.Optional("prefix") ?? string.Empty;
        TransferSettings transfer = TransferSettings.Parse(line, console);
        int threads = transfer.Threads;
        long? partSize = line.OptionalLong("part-size", UploadLimits.MinPartSize, UploadLimits.MaxPartSize);
        long threshold = line.OptionalLong("multipart-threshold", 0, long.MaxValue) ?? UploadLimits.DefaultMultipartThreshold;
        if (!Directory.Exists(directory))
        {
            throw new UsageException("The directory '" + directory + "' does not exist.");
        }

        List<string> files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var uploader = new ResumableUploader(client, transfer.ToUploaderSettings(console));
        using var slots = new SemaphoreSlim(threads, threads);
        long bytes = 0;
        int failed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(files.Select(async file =>
        {
            await slots.WaitAsync(token);
            try
            {
                string key = prefix + Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/');
                var request = new FileUploadRequest(file, bucket, key)
                {
                    PartSize = partSize,
                    MultipartThreshold = threshold,
                    Threads = threads,
                    CheckpointDirectory = line.OptionalPath("checkpoint-dir"),
                    DisableCheckpoint = line.Has("no-checkpoint"),
                };
                UploadResult result = await uploader.UploadFileAsync(request, null, token);
                Interlocked.Add(ref bytes, result.Size);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed file never stops the others (as in a Send-OssFile pipeline).
                Interlocked.Increment(ref failed);
                console.Error(file + ": " + ex.Message);
            }
            finally
            {
                slots.Release();
            }
        }));

        console.Info(string.Format(System.Globalization.CultureInfo.InvariantCulture, "uploaded {0} of {1} file(s), {2} bytes, in {3:0.00} s", files.Count - failed, files.Count, bytes, watch.Elapsed.TotalSeconds));
        Console.Out.WriteLine(ResultJson.Batch(files.Count, failed, bytes, watch.Elapsed));
        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
