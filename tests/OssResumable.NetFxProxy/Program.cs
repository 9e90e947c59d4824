using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;

namespace OssResumable.NetFxProxy;

/// <summary>
/// The .NET Framework proxy run (docs/testing.md). Verbs:
/// <c>run --emulator-dll PATH [--dotnet PATH] [--work DIR]</c> starts the emulator, runs every check
/// and prints TAP plus "N passed, N failed" (exit 0 only when all pass);
/// <c>upload-child --endpoint URL --bucket B --key K --file F --checkpoint-dir D</c> is the upload the
/// resume check kills (credentials in OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET).
/// </summary>
internal static class Program
{
    public const string AccessKeyId = "LTAI5tNetFxProxyKey";
    public const string Secret = "netfx-proxy-secret-never-printed";
    public const string Bucket = "netfx";

    public static async Task<int> Main(string[] args)
    {
        try
        {
            if (args.Length > 0 && args[0] == "upload-child")
            {
                return await UploadChildAsync(Options(args)).ConfigureAwait(false);
            }

            if (args.Length > 0 && args[0] == "run")
            {
                return await RunAsync(Options(args)).ConfigureAwait(false);
            }

            Console.Error.WriteLine("usage: OssResumable.NetFxProxy.exe run --emulator-dll PATH [--dotnet PATH] [--work DIR]");
            return 2;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 2;
        }
    }

    private static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        string work = options.TryGetValue("work", out string? given) ? Path.GetFullPath(given) : Path.Combine(Path.GetTempPath(), "ossr-netfx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var report = new TapReport();
        report.Start(ProxyChecks.Count);
        TapReport.Comment(RuntimeFacts.Describe());
        try
        {
            using EmulatorProcess emulator = await EmulatorProcess.StartAsync(
                options.TryGetValue("dotnet", out string? dotnet) ? dotnet : "dotnet",
                Require(options, "emulator-dll"),
                Path.Combine(work, "emulator"),
                AccessKeyId,
                Secret,
                Bucket).ConfigureAwait(false);
            TapReport.Comment("emulator: " + emulator.Endpoint);
            using var checks = new ProxyChecks(emulator.Endpoint, work);
            await checks.RunAllAsync(report).ConfigureAwait(false);
        }
        finally
        {
            report.Finish();
            TryDelete(work);
        }

        return report.Failed == 0 && report.Passed == ProxyChecks.Count ? 0 : 1;
    }

    // The upload the resume check kills: it must run in its own process, as a crashed PowerShell would.
    private static async Task<int> UploadChildAsync(IReadOnlyDictionary<string, string> options)
    {
        string id = Environment.GetEnvironmentVariable("OSS_ACCESS_KEY_ID") ?? throw new ArgumentException("OSS_ACCESS_KEY_ID is not set.");
        string secret = Environment.GetEnvironmentVariable("OSS_ACCESS_KEY_SECRET") ?? throw new ArgumentException("OSS_ACCESS_KEY_SECRET is not set.");
        using OssClient client = ProxyChecks.CreateClient(new Uri(Require(options, "endpoint")), id, secret, maxRetries: 3);
        var uploader = new ResumableUploader(client, new UploaderSettings { CheckpointDirectory = Require(options, "checkpoint-dir") });
        UploadResult result = await uploader.UploadFileAsync(
            ProxyChecks.Request(Require(options, "file"), Require(options, "bucket"), Require(options, "key")),
            null,
            CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine("completed " + result.UploadId);
        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException("Expected --name value pairs, got '" + args[i] + "'.");
            }

            options[args[i].Substring(2)] = args[i + 1];
        }

        return options;
    }

    private static string Require(IReadOnlyDictionary<string, string> options, string name) =>
        options.TryGetValue(name, out string? value) ? value : throw new ArgumentException("--" + name + " is required.");

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
