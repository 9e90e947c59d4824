using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.ExistingUploads;
using OssResumable.PowerShell.Pipeline;
using OssResumable.PowerShell.Progress;

namespace OssResumable.PowerShell.Uploads;

/// <summary>
/// The uploads of one Send-OssFile or Resume-OssUpload command. Files are started as they arrive
/// (streaming: output appears while input is still coming, memory does not grow with the number of
/// files), at most <see cref="UploadOptions.Threads"/> at once, all sharing one
/// <see cref="TransferThrottle"/> of that many part slots (adaptive with -Threads Auto) and one
/// <see cref="BandwidthLimiter"/> (-MaxBytesPerSecond). Each finished upload posts its result
/// object, or its error, to the pump; a failed file never stops the others.
/// </summary>
internal sealed class UploadBatch
{
    private readonly ClientProvider _clients;
    private readonly UploadOptions _options;
    private readonly PipelineMessagePump _pump;
    private readonly BatchProgressTracker? _tracker;
    private readonly ResumeCommandText _resumeCommand;
    private readonly CancellationToken _cancellation;
    private readonly TransferThrottle _throttle;
    private readonly BandwidthLimiter? _bandwidth;
    private readonly Dictionary<IOssClient, ResumableUploader> _uploaders = new();
    private readonly List<Task> _running = new();
    private int _uploaded;
    private int _skipped;
    private int _failed;
    private int _interrupted;
    private long _bytesSent;

    /// <summary>Creates a batch.</summary>
    /// <param name="clients">The command's clients.</param>
    /// <param name="options">Transfer parameters.</param>
    /// <param name="pump">Where results, errors and log messages go.</param>
    /// <param name="tracker">Progress tracker, or null when progress is off.</param>
    /// <param name="resumeCommand">Connection parameters to repeat in resume commands.</param>
    /// <param name="cancellation">Ctrl+C.</param>
    public UploadBatch(ClientProvider clients, UploadOptions options, PipelineMessagePump pump, BatchProgressTracker? tracker, ResumeCommandText resumeCommand, CancellationToken cancellation)
    {
        _clients = clients;
        _options = options;
        _pump = pump;
        _tracker = tracker;
        _resumeCommand = resumeCommand;
        _cancellation = cancellation;
        _throttle = options.AutoThreads ? TransferThrottle.Adaptive() : new TransferThrottle(options.Threads);
        _bandwidth = options.MaxBytesPerSecond is long cap ? new BandwidthLimiter(cap) : null;
    }

    /// <summary>
    /// How many files may be in flight: the thread count, or with -Threads Auto the throttle's current limit (so
    /// many small files follow what the link carries, and big ones do not start many uploads at once).
    /// </summary>
    public int FilesInFlightLimit => _throttle.CurrentLimit;

    /// <summary>Uploads started and not yet finished.</summary>
    public int Running
    {
        get
        {
            _running.RemoveAll(t => t.IsCompleted);
            return _running.Count;
        }
    }

    /// <summary>Files uploaded (or resumed) and verified so far.</summary>
    public int Uploaded => Volatile.Read(ref _uploaded);

    /// <summary>Files skipped because the object already held their bytes (-SkipUnchanged).</summary>
    public int Skipped => Volatile.Read(ref _skipped);

    /// <summary>Uploads that failed once started (their error records were posted).</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Uploads stopped by Ctrl+C (their resume warnings were posted).</summary>
    public int Interrupted => Volatile.Read(ref _interrupted);

    /// <summary>Bytes sent by the finished uploads.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>
    /// Checks, before any input is processed, what PowerShell's parameter attributes cannot: the object
    /// options, by the engine's own rule (<see cref="ObjectWriteOptions.Validate"/>). Threads, part size and
    /// threshold are checked by the parameters' ranges (the engine's limits) and again by the engine.
    /// </summary>
    /// <param name="options">The parameters.</param>
    /// <exception cref="ArgumentException">A value is invalid.</exception>
    public static void Validate(UploadOptions options) => options.ToWriteOptions(localPath: null).Validate();

    /// <summary>Checks and plans a file upload (reads the file's length; sends nothing).</summary>
    /// <param name="request">Connection parameters.</param>
    /// <param name="localPath">Absolute path of the file.</param>
    /// <param name="bucket">Bucket.</param>
    /// <param name="key">Key.</param>
    /// <returns>The prepared upload.</returns>
    public PreparedUpload PrepareFile(ConnectionRequest request, string localPath, string bucket, string key)
    {
        OssNames.ValidateBucket(bucket);
        OssNames.ValidateKey(key);
        var file = new FileInfo(localPath);
        if (!file.Exists)
        {
            throw new FileNotFoundException("The file '" + localPath + "' does not exist" + (Directory.Exists(localPath) ? " (it is a directory; pass its files, e.g. Get-ChildItem -File -Recurse | Send-OssFile)." : "."), localPath);
        }

        ResumableUploader uploader = GetUploader(request, out ResolvedConnection connection);
        UploadPlan plan = UploadPlanner.Plan(file.Length, _options.PartSize, _options.MultipartThreshold);
        string? checkpointPath = plan.IsMultipart && !_options.NoCheckpoint
            ? uploader.GetCheckpointPath(file.FullName, bucket, key, _options.CheckpointDirectory)
            : null;
        string description = plan.IsMultipart
            ? string.Format(
                CultureInfo.InvariantCulture,
                "Upload {0} as {1} parts of {2} with {3}; {4}",
                SizeText.Bytes(file.Length),
                plan.PartCount,
                SizeText.Bytes(plan.PartSize),
                _options.ThreadsText(plan.PartCount),
                checkpointPath is null ? "no checkpoint" : "checkpoint " + checkpointPath)
            : "Upload " + SizeText.Bytes(file.Length) + " in one request (below the multipart threshold)" + _options.CapText();
        if (_options.SkipUnchanged)
        {
            description += ", unless the object already holds the same bytes (length and CRC-64)";
        }

        ErrorContext context = new ErrorContext { LocalPath = file.FullName, Bucket = bucket, Key = key }.WithConnection(connection);
        var upload = new FileUploadRequest(file.FullName, bucket, key)
        {
            PartSize = _options.PartSize,
            MultipartThreshold = _options.MultipartThreshold,
            Threads = _options.Threads,
            CheckpointDirectory = _options.CheckpointDirectory,
            DisableCheckpoint = _options.NoCheckpoint,
            SkipUnchanged = _options.SkipUnchanged,
            WriteOptions = _options.ToWriteOptions(file.FullName),
        };
        return PreparedUpload.ForFile(uploader, upload, file.Length, description, context);
    }

    /// <summary>Reads a checkpoint and prepares resuming it (sends nothing).</summary>
    /// <param name="request">Connection parameters (the checkpoint's connection is used unless -Endpoint/-Region say otherwise).</param>
    /// <param name="checkpointPath">Absolute path of the checkpoint file.</param>
    /// <returns>The prepared upload.</returns>
    public PreparedUpload PrepareCheckpoint(ConnectionRequest request, string checkpointPath) => PrepareCheckpoint(request, CheckpointFile.Open(checkpointPath));

    private PreparedUpload PrepareCheckpoint(ConnectionRequest request, CheckpointFile checkpoint)
    {
        UploadCheckpoint recorded = checkpoint.Checkpoint;
        ResumableUploader uploader = GetUploader(request.WithCheckpoint(recorded), out ResolvedConnection connection);
        string source = recorded.Source.FullPath;
        long length = File.Exists(source) ? new FileInfo(source).Length : 0;
        string description = string.Format(
            CultureInfo.InvariantCulture,
            "Resume upload {0} ({1} of {2} parts recorded as done) with {3}",
            recorded.UploadId,
            recorded.CompletedPartCount,
            recorded.PartCount,
            _options.ThreadsText(recorded.PartCount - recorded.CompletedPartCount));
        var context = new ErrorContext
        {
            LocalPath = source,
            Bucket = recorded.Bucket,
            Key = recorded.Key,
            UploadId = recorded.UploadId,
            CheckpointPath = checkpoint.Path,
        }.WithConnection(connection);
        return PreparedUpload.ForCheckpoint(uploader, checkpoint, length, description, context);
    }

    /// <summary>
    /// Checks and prepares finishing an upload given by id (sends nothing): from its checkpoint when a piped
    /// object names one, or the default checkpoint directory holds one, that records this very upload and file
    /// (the checkpoint is then deleted on success, not left behind), otherwise by upload id from the local file.
    /// </summary>
    /// <param name="request">Connection parameters (with a piped object's connection as the pipeline hint).</param>
    /// <param name="target">The upload.</param>
    /// <param name="localPath">Absolute path of the file.</param>
    /// <returns>The prepared upload.</returns>
    public PreparedUpload PrepareUpload(ConnectionRequest request, UploadTarget target, string localPath)
    {
        UploadTarget.Validate(target.Bucket, target.Key, target.UploadId);
        CheckpointFile? checkpoint = CheckpointFile.TryOpenFor(target.Piped?.CheckpointPath, target.Bucket, target.Key, target.UploadId, localPath)
            ?? FindStoreCheckpoint(request, target, localPath);
        if (checkpoint is not null)
        {
            return PrepareCheckpoint(request, checkpoint);
        }

        (string bucket, string key, string uploadId) = (target.Bucket, target.Key, target.UploadId);
        var file = new FileInfo(localPath);
        if (!file.Exists)
        {
            throw new FileNotFoundException("The file '" + localPath + "' does not exist.", localPath);
        }

        ResumableUploader uploader = GetUploader(request, out ResolvedConnection connection);
        string description = "Finish upload " + uploadId + " of " + SizeText.Bytes(file.Length)
            + ": check the parts on OSS against the file, send what is missing, with " + _options.ThreadsText(UploadLimits.MaxPartCount);
        ErrorContext context = new ErrorContext { LocalPath = file.FullName, Bucket = bucket, Key = key, UploadId = uploadId }.WithConnection(connection);
        return PreparedUpload.ForUploadId(uploader, new ResumeUploadRequest(bucket, key, uploadId, file.FullName) { Threads = _options.Threads }, file.Length, description, context);
    }

    // The checkpoint Send-OssFile keeps for this file and object, when it records this very upload: an upload
    // listed by Get-OssMultipartUpload carries no checkpoint path, but finishing it must not leave one behind.
    private CheckpointFile? FindStoreCheckpoint(ConnectionRequest request, UploadTarget target, string localPath)
    {
        ResumableUploader uploader = GetUploader(request, out _);
        try
        {
            CheckpointFile? found = CheckpointFile.TryOpenFor(uploader.GetCheckpointPath(localPath, target.Bucket, target.Key), target.Bucket, target.Key, target.UploadId, localPath);
            return found is not null && uploader.IsThroughThisEndpoint(found) ? found : null;
        }
        catch (CheckpointException)
        {
            // A damaged checkpoint does not stop a resume by upload ID, which needs none.
            return null;
        }
    }

    /// <summary>Starts an upload; its outcome is posted to the pump. The returned task never faults.</summary>
    /// <param name="upload">The prepared upload.</param>
    /// <param name="announced">True when its file was announced to the tracker in advance.</param>
    /// <returns>The running upload.</returns>
    public Task Start(PreparedUpload upload, bool announced)
    {
        int id = _tracker?.Start(Path.GetFileName(upload.LocalPath), upload.Length, announced) ?? 0;
        IProgress<UploadProgress>? progress = _tracker is null
            ? null
            : new SynchronousProgress<UploadProgress>(p => _tracker.Report(id, p.TransferredBytes, p.ReusedBytes));
        Task task = RunAsync(upload, id, progress);
        _running.Add(task);
        return task;
    }

    /// <summary>A task that completes when any running upload finishes (or at once when none runs).</summary>
    /// <returns>The task.</returns>
    public Task WhenAnyFinished() => Running == 0 ? Task.CompletedTask : Task.WhenAny(_running);

    /// <summary>A task that completes when every running upload has finished.</summary>
    /// <returns>The task.</returns>
    public Task WhenAllFinished() => Task.WhenAll(_running.ToList());

    /// <summary>Converts an engine result to the output type.</summary>
    /// <param name="result">The result.</param>
    /// <param name="endpoint">The endpoint used.</param>
    /// <returns>The output object.</returns>
    public static OssUploadResult ToOutput(UploadResult result, string? endpoint) =>
        new(result.Bucket, result.Key, result.FilePath)
        {
            Size = result.Size,
            ETag = result.ETag,
            Crc64 = result.Crc64.ToString(CultureInfo.InvariantCulture),
            UploadId = result.UploadId,
            Multipart = result.UploadId is not null,
            PartCount = result.PartCount,
            PartSize = result.PartSize,
            BytesSent = result.BytesSent,
            BytesReused = result.BytesSkipped,
            Retries = result.Retries,
            Resumed = result.Resumed,
            Skipped = result.Skipped,
            VersionId = result.VersionId,
            Endpoint = endpoint,
            Duration = result.Duration,
            BytesPerSecond = result.Duration.TotalSeconds > 0 ? result.BytesSent / result.Duration.TotalSeconds : 0,
        };

    /// <summary>The warning after an interrupted upload: what is kept and the exact command that finishes it.</summary>
    /// <param name="context">What is known about the upload (after the engine's exception filled it in).</param>
    /// <param name="resumeCommand">Connection parameters to repeat.</param>
    /// <returns>The warning text.</returns>
    public static string DescribeInterruption(ErrorContext context, ResumeCommandText resumeCommand)
    {
        string what = "The upload of '" + context.LocalPath + "' to oss://" + context.Bucket + "/" + context.Key + " was stopped.";
        if (context.CheckpointPath is not null && context.UploadId is not null)
        {
            return what + " Its checkpoint is saved. To finish it, run: " + resumeCommand.FromCheckpoint(context.CheckpointPath);
        }

        if (context.UploadId is not null && context.Bucket is not null && context.Key is not null && context.LocalPath is not null)
        {
            return what + " The parts sent so far are kept on OSS. To finish it, run: "
                + resumeCommand.FromUploadId(context.Bucket, context.Key, context.UploadId, context.LocalPath);
        }

        return what + " Nothing was stored; run the same Send-OssFile command again.";
    }

    private async Task RunAsync(PreparedUpload upload, int trackerId, IProgress<UploadProgress>? progress)
    {
        try
        {
            UploadResult result = await RunEngineAsync(upload, progress).ConfigureAwait(false);
            if (result.Skipped)
            {
                Interlocked.Increment(ref _skipped);
            }
            else
            {
                Interlocked.Increment(ref _uploaded);
            }

            Interlocked.Add(ref _bytesSent, result.BytesSent);
            _tracker?.Finish(trackerId, succeeded: true);
            _pump.PostObject(ToOutput(result, upload.Context.Endpoint));
        }
#pragma warning disable CA1031 // Every failure of one file becomes its error record; the batch goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _tracker?.Finish(trackerId, succeeded: false);
            ErrorDescriptor error = ErrorMapper.Map(ex, upload.Context);
            if (error.Category == PsErrorCategory.OperationStopped && _cancellation.IsCancellationRequested)
            {
                Interlocked.Increment(ref _interrupted);
                _pump.PostWarning(DescribeInterruption(ContextOf(error, upload.Context), _resumeCommand));
            }
            else
            {
                Interlocked.Increment(ref _failed);
                _pump.PostError(error);
            }
        }
    }

    // The engine call the upload was prepared for. The engine returns at once (its work runs on the thread
    // pool), so starting an upload never delays the pipeline thread.
    private Task<UploadResult> RunEngineAsync(PreparedUpload upload, IProgress<UploadProgress>? progress)
    {
        if (upload.File is { } file)
        {
            return upload.Uploader.UploadFileAsync(file, progress, _cancellation);
        }

        return upload.Checkpoint is { } checkpoint
            ? upload.Uploader.ResumeFromCheckpointAsync(checkpoint, _options.Threads, progress, _cancellation)
            : upload.Uploader.ResumeUploadAsync(upload.ByUploadId!, progress, _cancellation);
    }

    private static ErrorContext ContextOf(ErrorDescriptor error, ErrorContext fallback)
    {
        if (error.TargetObject is OssMultipartUpload upload)
        {
            return new ErrorContext
            {
                Bucket = upload.Bucket,
                Key = upload.Key,
                UploadId = upload.UploadId,
                LocalPath = upload.LocalPath ?? fallback.LocalPath,
                CheckpointPath = upload.CheckpointPath,
            }.WithConnectionOf(upload);
        }

        return fallback;
    }

    private ResumableUploader GetUploader(ConnectionRequest request, out ResolvedConnection connection)
    {
        // One uploader per client: the client provider already decides which connections are the same.
        IOssClient client = _clients.Get(request, out connection);
        if (!_uploaders.TryGetValue(client, out ResumableUploader? uploader))
        {
            uploader = new ResumableUploader(client, new UploaderSettings
            {
                Throttle = _throttle,
                BandwidthLimiter = _bandwidth,
                Log = entry =>
                {
                    if (entry.Level == UploadLogLevel.Warning)
                    {
                        _pump.PostWarning(entry.Message);
                    }
                    else
                    {
                        _pump.PostVerbose(entry.Message);
                    }
                },
            });
            _uploaders.Add(client, uploader);
        }

        return uploader;
    }
}
