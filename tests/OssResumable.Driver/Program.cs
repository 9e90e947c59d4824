using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;

namespace OssResumable.Driver;

/// <summary>
/// Runs the upload engine from the command line. The last stdout line of a successful upload is one
/// JSON object (see <see cref="ResultJson"/>); everything for people goes to stderr.
/// </summary>
internal static class Program
{
    private static readonly string[] CommonOptions =
        { "endpoint", "region", "signature-version", "path-style", "max-retries", "retry-delay-ms", "verbose", "quiet" };

    private static readonly Dictionary<string, string[]> Verbs = new(StringComparer.Ordinal)
    {
        ["upload"] = CommonOptions.Concat(new[]
        {
            "bucket", "key", "file", "part-size", "checkpoint-dir", "no-checkpoint", "multipart-threshold", "content-type",
        }).Concat(TransferSettings.Options).ToArray(),
        ["resume"] = CommonOptions.Concat(new[] { "bucket", "key", "upload-id", "file", "part-size", "checkpoint" }).Concat(TransferSettings.Options).ToArray(),
        ["upload-many"] = CommonOptions.Concat(BatchUpload.Options).ToArray(),
        ["abort"] = CommonOptions.Concat(new[] { "bucket", "key", "upload-id" }).ToArray(),
        ["list-uploads"] = CommonOptions.Concat(new[] { "bucket", "prefix" }).ToArray(),
    };

    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        int signalExitCode = ExitCodes.Interrupted;
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            signalExitCode = ExitCodes.Interrupted;
            stop.Cancel();
        });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            signalExitCode = ExitCodes.Terminated;
            stop.Cancel();
        });

        var console = new DriverConsole(args.Contains("--verbose"), args.Contains("--quiet"));
        try
        {
            CommandLine line = CommandLine.Parse(args, Verbs);
            using OssClient client = CreateClient(line, ReadCredentials());
            return line.Verb switch
            {
                "upload" => await UploadAsync(line, client, console, stop.Token),
                "upload-many" => await BatchUpload.RunAsync(line, client, console, stop.Token),
                "resume" => await ResumeAsync(line, client, console, stop.Token),
                "abort" => await AbortAsync(line, client, stop.Token),
                _ => await ListUploadsAsync(line, client, stop.Token),
            };
        }
        catch (UsageException ex)
        {
            console.Error(ex.Message);
            Console.Error.Write(CommandLine.Usage);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException ex) when (stop.IsCancellationRequested)
        {
            console.Error(ex.Message);
            return signalExitCode;
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or DirectoryNotFoundException)
        {
            // ArgumentException appends " (Parameter 'x')", which names our code, not the user's option.
            string message = ex is ArgumentException { ParamName: { } name }
                ? ex.Message.Replace(" (Parameter '" + name + "')", string.Empty)
                : ex.Message;
            console.Error(message);
            return ExitCodes.Usage;
        }
        catch (Exception ex)
        {
            console.Error(ex.Message);
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> UploadAsync(CommandLine line, OssClient client, DriverConsole console, CancellationToken token)
    {
        TransferSettings transfer = TransferSettings.Parse(line, console);
        var request = new FileUploadRequest(line.Required("file"), line.Required("bucket"), line.Required("key"))
        {
            PartSize = line.OptionalLong("part-size", UploadLimits.MinPartSize, UploadLimits.MaxPartSize),
            MultipartThreshold = line.OptionalLong("multipart-threshold", 0, long.MaxValue) ?? UploadLimits.DefaultMultipartThreshold,
            Threads = transfer.Threads,
            CheckpointDirectory = line.OptionalPath("checkpoint-dir"),
            DisableCheckpoint = line.Has("no-checkpoint"),
        };
        if (line.Optional("content-type") is string contentType)
        {
            request.WriteOptions = new ObjectWriteOptions { ContentType = contentType };
        }

        var uploader = new ResumableUploader(client, transfer.ToUploaderSettings(console));
        UploadResult result = await uploader.UploadFileAsync(request, console, token);
        return Done(result, console);
    }

    private static async Task<int> ResumeAsync(CommandLine line, OssClient client, DriverConsole console, CancellationToken token)
    {
        TransferSettings transfer = TransferSettings.Parse(line, console);
        var uploader = new ResumableUploader(client, transfer.ToUploaderSettings(console));
        int threads = transfer.Threads;
        UploadResult result;
        if (line.OptionalPath("checkpoint") is string checkpoint)
        {
            if (new[] { "bucket", "key", "upload-id", "file", "part-size" }.Any(name => line.Optional(name) is not null))
            {
                throw new UsageException("Give either --checkpoint or --bucket/--key/--upload-id/--file, not both.");
            }

            result = await uploader.ResumeFromCheckpointAsync(checkpoint, threads, console, token);
        }
        else
        {
            var request = new ResumeUploadRequest(line.Required("bucket"), line.Required("key"), line.Required("upload-id"), line.Required("file"))
            {
                PartSize = line.OptionalLong("part-size", UploadLimits.MinPartSize, UploadLimits.MaxPartSize),
                Threads = threads,
            };
            result = await uploader.ResumeUploadAsync(request, console, token);
        }

        return Done(result, console);
    }

    private static async Task<int> AbortAsync(CommandLine line, OssClient client, CancellationToken token)
    {
        string bucket = line.Required("bucket");
        string key = line.Required("key");
        string uploadId = line.Required("upload-id");
        await client.AbortMultipartUploadAsync(bucket, key, uploadId, token);
        Console.Out.WriteLine(ResultJson.Aborted(bucket, key, uploadId));
        return ExitCodes.Success;
    }

    private static async Task<int> ListUploadsAsync(CommandLine line, OssClient client, CancellationToken token)
    {
        var request = new ListMultipartUploadsRequest(line.Required("bucket")) { Prefix = line.Optional("prefix") };
        await foreach (MultipartUploadSummary upload in client.ListMultipartUploadsAsync(request, token))
        {
            Console.Out.WriteLine(ResultJson.Upload(upload));
        }

        return ExitCodes.Success;
    }

    private static int Done(UploadResult result, DriverConsole console)
    {
        console.Info(string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            "uploaded {0} bytes to oss://{1}/{2} in {3:0.00} s ({4} part(s), {5} bytes sent, {6} skipped, {7} retries{8})",
            result.Size,
            result.Bucket,
            result.Key,
            result.Duration.TotalSeconds,
            result.PartCount,
            result.BytesSent,
            result.BytesSkipped,
            result.Retries,
            result.Resumed ? ", resumed" : string.Empty));
        Console.Out.WriteLine(ResultJson.Upload(result));
        return ExitCodes.Success;
    }

    private static OssCredentials ReadCredentials()
    {
        string? id = Environment.GetEnvironmentVariable("OSS_ACCESS_KEY_ID");
        string? secret = Environment.GetEnvironmentVariable("OSS_ACCESS_KEY_SECRET");
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrEmpty(secret))
        {
            throw new UsageException("No credentials: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (and OSS_SESSION_TOKEN for STS credentials).");
        }

        try
        {
            return new OssCredentials(id, secret, Environment.GetEnvironmentVariable("OSS_SESSION_TOKEN"));
        }
        catch (ArgumentException ex)
        {
            // The message names the problem, never the value.
            throw new UsageException("Invalid credentials in the environment: " + ex.Message, ex);
        }
    }

    private static OssClient CreateClient(CommandLine line, OssCredentials credentials)
    {
        Uri endpoint;
        try
        {
            endpoint = OssClientOptions.ParseEndpoint(line.Required("endpoint"));
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        var options = new OssClientOptions
        {
            Endpoint = endpoint,
            Region = line.Optional("region") ?? DefaultRegion(endpoint),
            SignatureVersion = line.Optional("signature-version") switch
            {
                null or "4" => OssSignatureVersion.V4,
                "1" => OssSignatureVersion.V1,
                string other => throw new UsageException("--signature-version must be 1 or 4; got '" + other + "'."),
            },
            UsePathStyle = line.Has("path-style") ? true : null,
        };
        if (line.OptionalInt("max-retries", 0, 100) is int retries)
        {
            options.MaxRetries = retries;
        }

        if (line.OptionalLong("retry-delay-ms", 0, 60_000) is long delay)
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(delay);
            options.RetryMaxDelay = TimeSpan.FromMilliseconds(Math.Max(delay * 8, delay));
        }

        return new OssClient(options, credentials);
    }

    // Loopback endpoints (the emulator) name no region; the emulator's default is cn-hangzhou. Real
    // endpoints name theirs (oss-<region>.aliyuncs.com) and the client derives it.
    private static string? DefaultRegion(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out IPAddress? address) && IPAddress.IsLoopback(address)) ? "cn-hangzhou" : null;
}
