using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Emulator;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>
/// The built driver (tests/OssResumable.Driver) as a separate process against the class's emulator:
/// its command line, exit codes and JSON result line are what the crash-test and benchmark scripts use.
/// </summary>
public class DriverTests : IClassFixture<TransferFixture>
{
    private static readonly string[] ResultFields =
    {
        "bucket", "key", "file", "size", "uploadId", "etag", "crc64", "partCount", "partSize", "bytesSent", "bytesSkipped",
        "retries", "durationMs", "resumed", "checkpointPath",
    };

    private readonly TransferFixture _fixture;

    public DriverTests(TransferFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Upload_Succeeds_ExitZeroAndLastStdoutLineIsTheResultJson()
    {
        string file = _fixture.CreateFile((3 * UploaderHarness.SmallPart) + 5);
        string key = TransferFixture.UniqueKey("driver");
        string checkpoints = _fixture.NewDirectory("driver-checkpoints");

        DriverRun run = await RunAsync(Credentials(), UploadArgs(file, key, checkpoints, "--part-size", "102400", "--multipart-threshold", "102400", "--threads", "2"));

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = run.ResultJson();
        JsonElement result = json.RootElement;
        Assert.Equal(ResultFields, result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(TransferFixture.Bucket, result.GetProperty("bucket").GetString());
        Assert.Equal(key, result.GetProperty("key").GetString());
        Assert.Equal(file, result.GetProperty("file").GetString());
        Assert.Equal(new FileInfo(file).Length, result.GetProperty("size").GetInt64());
        Assert.False(string.IsNullOrEmpty(result.GetProperty("uploadId").GetString()));
        Assert.Equal(Crc64.Compute(File.ReadAllBytes(file)).ToString(System.Globalization.CultureInfo.InvariantCulture), result.GetProperty("crc64").GetString());
        Assert.Equal(4, result.GetProperty("partCount").GetInt32());
        Assert.Equal(102400, result.GetProperty("partSize").GetInt64());
        Assert.Equal(new FileInfo(file).Length, result.GetProperty("bytesSent").GetInt64());
        Assert.Equal(0, result.GetProperty("bytesSkipped").GetInt64());
        Assert.Equal(0, result.GetProperty("retries").GetInt32());
        Assert.True(result.GetProperty("durationMs").GetInt64() >= 0);
        Assert.False(result.GetProperty("resumed").GetBoolean());
        Assert.StartsWith(checkpoints, result.GetProperty("checkpointPath").GetString(), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(file), _fixture.Emulator.ReadObject(TransferFixture.Bucket, key));
        Assert.DoesNotContain(TransferFixture.Secret, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task Upload_SmallFile_JsonHasNullUploadId()
    {
        string file = _fixture.CreateFile(10);
        string key = TransferFixture.UniqueKey("driver-small");

        DriverRun run = await RunAsync(Credentials(), UploadArgs(file, key, _fixture.NewDirectory("driver-checkpoints"), "--signature-version", "1"));

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = run.ResultJson();
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("uploadId").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("checkpointPath").ValueKind);
        Assert.Equal(File.ReadAllBytes(file), _fixture.Emulator.ReadObject(TransferFixture.Bucket, key));
    }

    [Fact]
    public async Task Upload_RerunAfterAFailure_ResumesFromTheCheckpoint()
    {
        string file = _fixture.CreateFile((5 * UploaderHarness.SmallPart) + 17);
        string key = TransferFixture.UniqueKey("driver-resume");
        string checkpoints = _fixture.NewDirectory("driver-checkpoints");
        FaultRule fault = _fixture.Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Key = key, PartNumber = 3, StatusCode = 500, Times = null });
        string[] args = UploadArgs(file, key, checkpoints, "--part-size", "102400", "--multipart-threshold", "102400", "--threads", "1", "--max-retries", "0");

        DriverRun failed = await RunAsync(Credentials(), args);

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("error: ", failed.StandardError, StringComparison.Ordinal);
        Assert.Contains(checkpoints, failed.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, failed.StandardOutput);
        _fixture.Emulator.Faults.Remove(fault.Id!);

        DriverRun resumed = await RunAsync(Credentials(), args);

        Assert.Equal(0, resumed.ExitCode);
        using JsonDocument json = resumed.ResultJson();
        Assert.True(json.RootElement.GetProperty("resumed").GetBoolean());
        Assert.Equal(2 * UploaderHarness.SmallPart, json.RootElement.GetProperty("bytesSkipped").GetInt64());
        Assert.Empty(Directory.EnumerateFiles(checkpoints, "*.checkpoint.json"));
        Assert.Equal(File.ReadAllBytes(file), _fixture.Emulator.ReadObject(TransferFixture.Bucket, key));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task Upload_NoCredentialsInTheEnvironment_ExitTwoWithClearError()
    {
        string file = _fixture.CreateFile(10);

        DriverRun run = await RunAsync(new Dictionary<string, string?>(), UploadArgs(file, TransferFixture.UniqueKey("no-creds"), _fixture.NewDirectory("c")));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("OSS_ACCESS_KEY_ID", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.StandardOutput);
    }

    [Theory]
    [InlineData("upload", "--bogus", "1")]
    [InlineData("upload", "--threads", "0")]
    [InlineData("upload", "--part-size", "1000")]
    [InlineData("frobnicate")]
    public async Task Driver_BadCommandLine_ExitTwoWithUsage(params string[] args)
    {
        DriverRun run = await RunAsync(Credentials(), args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage:", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_MissingFile_ExitTwo()
    {
        string missing = Path.Combine(_fixture.NewDirectory("missing"), "nope.bin");

        DriverRun run = await RunAsync(Credentials(), UploadArgs(missing, TransferFixture.UniqueKey("missing"), _fixture.NewDirectory("c")));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(missing, run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeAndListUploads_ByUploadId_FinishTheUpload()
    {
        string file = _fixture.CreateFile((2 * UploaderHarness.SmallPart) + 1);
        string key = TransferFixture.UniqueKey("driver-by-id");
        using var client = _fixture.CreateClient();
        string uploadId = (await client.InitiateMultipartUploadAsync(new Core.Protocol.InitiateMultipartUploadRequest(TransferFixture.Bucket, key))).UploadId;

        DriverRun list = await RunAsync(Credentials(), "list-uploads", "--endpoint", _fixture.Emulator.Endpoint.ToString(), "--bucket", TransferFixture.Bucket, "--prefix", key);
        DriverRun resume = await RunAsync(Credentials(), "resume", "--endpoint", _fixture.Emulator.Endpoint.ToString(), "--bucket", TransferFixture.Bucket, "--key", key,
            "--upload-id", uploadId, "--file", file, "--part-size", "102400");

        Assert.Equal(0, list.ExitCode);
        using (JsonDocument listed = JsonDocument.Parse(list.StandardOutput.Trim()))
        {
            Assert.Equal(uploadId, listed.RootElement.GetProperty("uploadId").GetString());
        }

        Assert.Equal(0, resume.ExitCode);
        using JsonDocument json = resume.ResultJson();
        Assert.Equal(uploadId, json.RootElement.GetProperty("uploadId").GetString());
        Assert.True(json.RootElement.GetProperty("resumed").GetBoolean());
        Assert.Equal(File.ReadAllBytes(file), _fixture.Emulator.ReadObject(TransferFixture.Bucket, key));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task Abort_ByUploadId_RemovesTheUpload()
    {
        string key = TransferFixture.UniqueKey("driver-abort");
        using var client = _fixture.CreateClient();
        string uploadId = (await client.InitiateMultipartUploadAsync(new Core.Protocol.InitiateMultipartUploadRequest(TransferFixture.Bucket, key))).UploadId;

        DriverRun run = await RunAsync(Credentials(), "abort", "--endpoint", _fixture.Emulator.Endpoint.ToString(), "--bucket", TransferFixture.Bucket, "--key", key, "--upload-id", uploadId);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"aborted\":true", run.StandardOutput, StringComparison.Ordinal);
        _fixture.AssertNoUploads();
    }

    [LinuxFact]
    public async Task Upload_Sigint_ExitsWith130AndTheRerunResumes()
    {
        string file = _fixture.CreateFile((8 * UploaderHarness.SmallPart) + 3);
        string key = TransferFixture.UniqueKey("driver-sigint");
        string checkpoints = _fixture.NewDirectory("driver-checkpoints");
        FaultRule slow = _fixture.Emulator.Faults.Add(new FaultRule
        {
            Operation = EmulatorOperation.UploadPart, Key = key, Skip = 2, Action = FaultAction.Throttle, BytesPerSecond = 2000, Times = null,
        });
        string[] args = UploadArgs(file, key, checkpoints, "--part-size", "102400", "--multipart-threshold", "102400", "--threads", "1");

        using var process = Start(Credentials(), args);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!_fixture.Emulator.ListUploads(TransferFixture.Bucket).Any(u => u.Key == key && u.Parts.Count >= 2))
            {
                await Task.Delay(20, wait.Token);
            }
        }

        Assert.Equal(0, Kill(process.Id, 2));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, process.ExitCode);
        Assert.Equal(string.Empty, await stdout);
        Assert.Contains("was cancelled", await stderr, StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateFiles(checkpoints, "*.checkpoint.json"));
        _fixture.Emulator.Faults.Remove(slow.Id!);

        DriverRun resumed = await RunAsync(Credentials(), args);

        Assert.Equal(0, resumed.ExitCode);
        using JsonDocument json = resumed.ResultJson();
        Assert.True(json.RootElement.GetProperty("resumed").GetBoolean());
        Assert.Equal(2 * UploaderHarness.SmallPart, json.RootElement.GetProperty("bytesSkipped").GetInt64());
        Assert.Equal(File.ReadAllBytes(file), _fixture.Emulator.ReadObject(TransferFixture.Bucket, key));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadMany_Directory_UploadsEveryFileUnderItsRelativeKeyAndPrintsTheSummary()
    {
        string directory = _fixture.NewDirectory("many");
        var sizes = new Dictionary<string, long> { ["a.bin"] = 10, ["b.bin"] = 0, ["sub/c.bin"] = 5000, ["sub/deeper/d.bin"] = (3 * UploaderHarness.SmallPart) + 5 };
        for (int i = 0; i < 9; i++)
        {
            sizes["small-" + i + ".bin"] = 1000 + i;
        }

        foreach ((string name, long size) in sizes)
        {
            string path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, TestBytes.Create(size, name.Length));
        }

        string prefix = TransferFixture.UniqueKey("many/");
        DriverRun run = await RunAsync(Credentials(), "upload-many", "--endpoint", _fixture.Emulator.Endpoint.ToString(), "--bucket", TransferFixture.Bucket,
            "--dir", directory, "--prefix", prefix, "--threads", "3", "--part-size", "102400", "--multipart-threshold", "102400", "--no-checkpoint");

        Assert.True(run.ExitCode == 0, run.StandardError);
        using JsonDocument json = run.ResultJson();
        Assert.Equal(new[] { "files", "failed", "bytes", "durationMs" }, json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(sizes.Count, json.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("failed").GetInt32());
        Assert.Equal(sizes.Values.Sum(), json.RootElement.GetProperty("bytes").GetInt64());
        foreach (string name in sizes.Keys)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(directory, name)), _fixture.Emulator.ReadObject(TransferFixture.Bucket, prefix + name));
        }

        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadMany_MissingDirectory_ExitTwoNamingIt()
    {
        string missing = Path.Combine(_fixture.NewDirectory("many"), "absent");

        DriverRun run = await RunAsync(Credentials(), "upload-many", "--endpoint", _fixture.Emulator.Endpoint.ToString(), "--bucket", TransferFixture.Bucket, "--dir", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(missing, run.StandardError, StringComparison.Ordinal);
    }

    internal static Dictionary<string, string?> Credentials(string accessKeyId = TransferFixture.AccessKeyId, string secret = TransferFixture.Secret) => new()
    {
        ["OSS_ACCESS_KEY_ID"] = accessKeyId,
        ["OSS_ACCESS_KEY_SECRET"] = secret,
    };

    private string[] UploadArgs(string file, string key, string checkpointDirectory, params string[] extra) =>
        new[] { "upload", "--endpoint", _fixture.Emulator.Endpoint.ToString(), "--bucket", TransferFixture.Bucket, "--key", key, "--file", file, "--checkpoint-dir", checkpointDirectory }
            .Concat(extra)
            .ToArray();

    /// <summary>Runs the driver to its exit; <paramref name="environment"/> adds variables (a null value removes one).</summary>
    internal static async Task<DriverRun> RunAsync(Dictionary<string, string?> environment, params string[] args)
    {
        using Process process = Start(environment, args);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return new DriverRun(process.ExitCode, await stdout, await stderr);
    }

    private static Process Start(Dictionary<string, string?> environment, string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OssResumable.Driver.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string name in new[] { "OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", "OSS_SESSION_TOKEN" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The driver did not start.");
    }

    // The SDK sets DOTNET_HOST_PATH for test runs; fall back to the dotnet on PATH.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    internal sealed record DriverRun(int ExitCode, string StandardOutput, string StandardError)
    {
        public JsonDocument ResultJson()
        {
            string last = StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
            return JsonDocument.Parse(last);
        }
    }
}
