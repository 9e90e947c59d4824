using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;

namespace OssResumable.NetFxProxy;

/// <summary>
/// The checks of the proxy run, each against the emulator over real HTTP through the engine's
/// netstandard2.0 build: CRC-64 (the slicing path, the only one that build has), a single PUT, a
/// parallel multipart upload, a resume after the uploading process is killed, a damaged checkpoint
/// after a kill, a connection reset mid-part, and nothing left behind.
/// </summary>
internal sealed class ProxyChecks : IDisposable
{
    public const int Count = 8;

    private const long Part = 102400;
    private const long MultipartSize = (10 * Part) + 777;
    private static readonly TimeSpan KillTimeout = TimeSpan.FromMinutes(1);

    private readonly Uri _endpoint;
    private readonly string _work;
    private readonly EmulatorAdmin _admin;
    private readonly OssClient _client;

    public ProxyChecks(Uri endpoint, string work)
    {
        _endpoint = endpoint;
        _work = work;
        _admin = new EmulatorAdmin(endpoint);
        _client = CreateClient(endpoint, Program.AccessKeyId, Program.Secret, maxRetries: 3);
    }

    public static OssClient CreateClient(Uri endpoint, string accessKeyId, string secret, int maxRetries) => new(
        new OssClientOptions
        {
            Endpoint = endpoint,
            Region = "cn-hangzhou",
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(80),
        },
        new OssCredentials(accessKeyId, secret));

    public static FileUploadRequest Request(string file, string bucket, string key, int threads = 2) => new(file, bucket, key)
    {
        PartSize = Part,
        MultipartThreshold = Part,
        Threads = threads,
    };

    public async Task RunAllAsync(TapReport report)
    {
        await report.RunAsync("CRC-64/XZ check value, and the slicing path against a bitwise reference at every length 0-1100 and unaligned offsets", () => Task.Run(Crc64Slicing)).ConfigureAwait(false);
        await report.RunAsync("CRC-64 Append in pieces and Combine equal the CRC of the whole (4 MiB + 7)", () => Task.Run(Crc64AppendAndCombine)).ConfigureAwait(false);
        await report.RunAsync("single PutObject of a small file, CRC-64 checked by the client", SinglePutAsync).ConfigureAwait(false);
        await report.RunAsync("multipart upload with 4 threads: parts in flight at once, object byte-identical", ParallelMultipartAsync).ConfigureAwait(false);
        await report.RunAsync("uploading process killed (SIGKILL) after 2 parts; the next run resumes the same upload", ResumeAfterKillAsync).ConfigureAwait(false);
        await report.RunAsync("killed, then checkpoint truncated: owner-only files, the upload ID record leads to the killed upload, which is aborted", DamagedCheckpointAfterKillAsync).ConfigureAwait(false);
        await report.RunAsync("connection reset mid-part (emulator fault, twice): retried, object byte-identical", ResetMidPartAsync).ConfigureAwait(false);
        await report.RunAsync("no multipart upload left on the emulator", NoUploadLeftAsync).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _client.Dispose();
        _admin.Dispose();
    }

    private static void Crc64Slicing()
    {
        Check.Equal(0x995DC9BBDF1939FAUL, Crc64.Compute(Encoding.ASCII.GetBytes("123456789")), "CRC-64/XZ of \"123456789\"");
        Check.Equal(0UL, Crc64.Compute(ReadOnlySpan<byte>.Empty), "CRC-64 of nothing");
        byte[] data = Bytes(4096, seed: 7);
        for (int length = 0; length <= 1100; length++)
        {
            int offset = length % 13;
            ulong expected = Crc64Reference.Bitwise(data, offset, length);
            Check.Equal(expected, Crc64.Compute(new ReadOnlySpan<byte>(data, offset, length)), "CRC-64 of " + length + " bytes at offset " + offset);
        }
    }

    private static void Crc64AppendAndCombine()
    {
        byte[] data = Bytes((4 * 1024 * 1024) + 7, seed: 8);
        ulong whole = Crc64Reference.Bytewise(data, 0, data.Length);
        Check.Equal(whole, Crc64.Compute(data), "CRC-64 of 4 MiB + 7");
        var random = new Random(9);
        ulong appended = 0;
        int at = 0;
        while (at < data.Length)
        {
            int piece = Math.Min(data.Length - at, random.Next(1, 300000));
            appended = Crc64.Append(appended, new ReadOnlySpan<byte>(data, at, piece));
            at += piece;
        }

        Check.Equal(whole, appended, "CRC-64 appended in random pieces");
        int split = 1234567;
        ulong first = Crc64.Compute(new ReadOnlySpan<byte>(data, 0, split));
        ulong second = Crc64.Compute(new ReadOnlySpan<byte>(data, split, data.Length - split));
        Check.Equal(whole, Crc64.Combine(first, second, data.Length - split), "CRC-64 combined from two halves");
    }

    private async Task SinglePutAsync()
    {
        string file = CreateFile("small.bin", 5000, seed: 1);
        UploadResult result = await Uploader(Dir("single")).UploadFileAsync(new FileUploadRequest(file, Program.Bucket, "netfx/single.bin")).ConfigureAwait(false);
        Check.That(result.UploadId is null, "a 5000-byte file should go in one PutObject");
        Check.Equal(Crc64.Compute(File.ReadAllBytes(file)), result.Crc64, "object CRC-64");
        await AssertObjectEqualsFileAsync("netfx/single.bin", file).ConfigureAwait(false);
    }

    private async Task ParallelMultipartAsync()
    {
        const string Key = "netfx/parallel.bin";
        string file = CreateFile("parallel.bin", MultipartSize, seed: 2);

        // Each part's response is held 300 ms after OSS stored it, so parts that may run in parallel
        // are seen in flight together; a runtime capping connections at 2 per host would show 2.
        string hold = await _admin.AddFaultAsync("{\"operation\":\"UploadPart\",\"key\":\"" + Key + "\",\"action\":\"delay\",\"delayMs\":300,\"times\":null}").ConfigureAwait(false);
        int most = 0;
        try
        {
            Task<UploadResult> upload = Uploader(Dir("parallel")).UploadFileAsync(Request(file, Program.Bucket, Key, threads: 4));
            while (!upload.IsCompleted)
            {
                most = Math.Max(most, await _admin.RequestsInProgressAsync().ConfigureAwait(false));
                await Task.Delay(20).ConfigureAwait(false);
            }

            UploadResult result = await upload.ConfigureAwait(false);
            Check.Equal(11, result.PartCount, "part count");
            Check.Equal(Crc64.Compute(File.ReadAllBytes(file)), result.Crc64, "object CRC-64");
        }
        finally
        {
            await _admin.RemoveFaultAsync(hold).ConfigureAwait(false);
        }

        TapReport.Comment("most requests in flight at once during the 4-thread upload: " + most);
        Check.That(most >= 3, "with 4 threads at most " + most + " requests were in flight at once: the connection limit serialises part uploads");
        await AssertObjectEqualsFileAsync(Key, file).ConfigureAwait(false);
    }

    private async Task ResumeAfterKillAsync()
    {
        var (file, key, checkpoints, killed) = await KillUploadAfterTwoPartsAsync("resumed", seed: 3).ConfigureAwait(false);

        UploadResult result = await Uploader(checkpoints).UploadFileAsync(Request(file, Program.Bucket, key)).ConfigureAwait(false);

        Check.That(result.Resumed, "the run after the kill did not resume");
        Check.Equal(killed, result.UploadId, "upload ID");
        Check.That(result.BytesSkipped >= 2 * Part, "only " + result.BytesSkipped + " bytes were skipped; the checkpoint recorded 2 parts");
        await AssertObjectEqualsFileAsync(key, file).ConfigureAwait(false);
    }

    private async Task DamagedCheckpointAfterKillAsync()
    {
        var (file, key, checkpoints, killed) = await KillUploadAfterTwoPartsAsync("damaged", seed: 4).ConfigureAwait(false);
        var store = new FileCheckpointStore(checkpoints);
        var identity = new CheckpointIdentity(file, Program.Bucket, key);
        string checkpoint = store.GetCheckpointPath(identity);
        string record = store.GetUploadIdRecordPath(identity);
        if (!RuntimeInformationIsWindows())
        {
            Check.Equal("600", UnixMode(checkpoint), "mode of the checkpoint");
            Check.Equal("600", UnixMode(record), "mode of the upload ID record");
            Check.Equal("700", UnixMode(checkpoints), "mode of the checkpoint directory");
        }

        byte[] content = File.ReadAllBytes(checkpoint);
        File.WriteAllBytes(checkpoint, content.Take(content.Length / 2).ToArray());

        UploadResult result = await Uploader(checkpoints).UploadFileAsync(Request(file, Program.Bucket, key)).ConfigureAwait(false);

        Check.That(!result.Resumed && result.UploadId != killed, "a truncated checkpoint cannot be resumed; a new upload was expected");
        Check.That((await _admin.ListUploadsAsync(Program.Bucket).ConfigureAwait(false)).All(u => u.Value != killed), "the killed run's upload " + killed + " was not aborted");
        Check.That(!File.Exists(checkpoint) && !File.Exists(record), "the checkpoint or the upload ID record was left behind");
        await AssertObjectEqualsFileAsync(key, file).ConfigureAwait(false);
    }

    private async Task ResetMidPartAsync()
    {
        const string Key = "netfx/reset.bin";
        string file = CreateFile("reset.bin", MultipartSize, seed: 5);
        string reset = await _admin.AddFaultAsync("{\"operation\":\"UploadPart\",\"key\":\"" + Key + "\",\"action\":\"reset\",\"resetAfterBytes\":50000,\"times\":2}").ConfigureAwait(false);
        try
        {
            UploadResult result = await Uploader(Dir("reset")).UploadFileAsync(Request(file, Program.Bucket, Key)).ConfigureAwait(false);
            Check.Equal(2, await _admin.FaultFiredAsync(reset).ConfigureAwait(false), "resets the emulator made");
            Check.That(result.Retries >= 2, "the engine counted " + result.Retries + " retries for 2 resets");
            Check.Equal(Crc64.Compute(File.ReadAllBytes(file)), result.Crc64, "object CRC-64");
        }
        finally
        {
            await _admin.RemoveFaultAsync(reset).ConfigureAwait(false);
        }

        await AssertObjectEqualsFileAsync(Key, file).ConfigureAwait(false);
    }

    private async Task NoUploadLeftAsync()
    {
        var left = await _admin.ListUploadsAsync(Program.Bucket).ConfigureAwait(false);
        Check.That(left.Count == 0, "uploads left: " + string.Join(", ", left.Select(u => u.Key + " " + u.Value)));
    }

    // Starts an upload of a new file in a child process with parts 3+ crawling, waits until the
    // checkpoint records two parts, and kills the process: the state a crash leaves.
    private async Task<(string File, string Key, string Checkpoints, string UploadId)> KillUploadAfterTwoPartsAsync(string name, int seed)
    {
        string file = CreateFile(name + ".bin", MultipartSize, seed);
        string key = "netfx/" + name + ".bin";
        string checkpoints = Dir(name);
        string crawl = await _admin.AddFaultAsync("{\"operation\":\"UploadPart\",\"key\":\"" + key + "\",\"action\":\"throttle\",\"bytesPerSecond\":1000,\"skip\":2,\"times\":null}").ConfigureAwait(false);
        string checkpoint = new FileCheckpointStore(checkpoints).GetCheckpointPath(new CheckpointIdentity(file, Program.Bucket, key));
        try
        {
            var output = new StringBuilder();
            using Process child = StartChild(file, key, checkpoints, output);
            var clock = Stopwatch.StartNew();
            while (RecordedParts(checkpoint) < 2)
            {
                Check.That(!child.HasExited, "the uploading process exited (code " + (child.HasExited ? child.ExitCode : 0) + ") before it was killed: " + Tail(output));
                Check.That(clock.Elapsed < KillTimeout, "two parts did not reach the checkpoint within " + KillTimeout);
                await Task.Delay(10).ConfigureAwait(false);
            }

            child.Kill();
            child.WaitForExit();
        }
        finally
        {
            await _admin.RemoveFaultAsync(crawl).ConfigureAwait(false);
        }

        return (file, key, checkpoints, (await _admin.ListUploadsAsync(Program.Bucket).ConfigureAwait(false)).Single(u => u.Key == key).Value);
    }

    // The child's output is kept (not mixed into the TAP stream) for failure messages.
    private Process StartChild(string file, string key, string checkpoints, StringBuilder output)
    {
        string host = typeof(ProxyChecks).Assembly.Location;
        string arguments = "upload-child --endpoint " + _endpoint + " --bucket " + Program.Bucket + " --key " + key
            + " --file \"" + file + "\" --checkpoint-dir \"" + checkpoints + "\"";

        // Under Mono the program is an argument of the runtime; on .NET Framework it runs itself.
        var info = RuntimeFacts.IsMono
            ? new ProcessStartInfo(Process.GetCurrentProcess().MainModule!.FileName!, "\"" + host + "\" " + arguments)
            : new ProcessStartInfo(host, arguments);
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.EnvironmentVariables["OSS_ACCESS_KEY_ID"] = Program.AccessKeyId;
        info.EnvironmentVariables["OSS_ACCESS_KEY_SECRET"] = Program.Secret;
        Process child = Process.Start(info) ?? throw new InvalidOperationException("The uploading process did not start.");
        DataReceivedEventHandler keep = (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        child.OutputDataReceived += keep;
        child.ErrorDataReceived += keep;
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            string text = output.ToString();
            return text.Length <= 2000 ? text : "..." + text.Substring(text.Length - 2000);
        }
    }

    private static int RecordedParts(string checkpoint)
    {
        try
        {
            return File.Exists(checkpoint) ? CheckpointFile.Open(checkpoint).Checkpoint.CompletedPartCount : 0;
        }
        catch (CheckpointException)
        {
            return 0;
        }
    }

    private async Task AssertObjectEqualsFileAsync(string key, string file)
    {
        using GetObjectResult result = await _client.GetObjectAsync(new GetObjectRequest(Program.Bucket, key)).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await result.Content.CopyToAsync(buffer).ConfigureAwait(false);
        using SHA256 sha = SHA256.Create();
        Check.That(
            sha.ComputeHash(buffer.ToArray()).SequenceEqual(sha.ComputeHash(File.ReadAllBytes(file))),
            "the object " + key + " (" + buffer.Length + " bytes) differs from the file (" + new FileInfo(file).Length + " bytes)");
    }

    private ResumableUploader Uploader(string checkpoints) => new(_client, new UploaderSettings { CheckpointDirectory = checkpoints });

    private string Dir(string name)
    {
        // Not created here: the store creates it owner-only, which the damaged-checkpoint check verifies.
        return Path.Combine(_work, "checkpoints-" + name);
    }

    private string CreateFile(string name, long size, int seed)
    {
        string directory = Path.Combine(_work, "files");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name);
        File.WriteAllBytes(path, Bytes(size, seed));
        return path;
    }

    private static byte[] Bytes(long size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static bool RuntimeInformationIsWindows() =>
        System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows);

    private static string UnixMode(string path)
    {
        var info = new ProcessStartInfo("stat", "-c %a \"" + path + "\"") { UseShellExecute = false, RedirectStandardOutput = true };
        using Process stat = Process.Start(info) ?? throw new InvalidOperationException("stat did not start.");
        string mode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return mode;
    }
}
