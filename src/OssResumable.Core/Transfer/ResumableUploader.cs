using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Protocol.Internal;
using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Transfer;

/// <summary>
/// Uploads local files to OSS: one PutObject for small files, otherwise a parallel multipart upload
/// that is checkpointed, resumable, and verified end to end by CRC-64. Thread-safe: run many
/// uploads at once; they share the <see cref="Throttle"/>. See docs/engine.md.
/// </summary>
/// <remarks>
/// Errors: problems with the request itself are thrown before anything is sent, as they are
/// (<see cref="ArgumentException"/>, <see cref="UploadPlanningException"/>, <see cref="FileNotFoundException"/>,
/// <see cref="SourceChangedException"/> for a file being written, <see cref="CheckpointException"/> when
/// another upload of the same file to the same object holds the lock or a checkpoint cannot be read).
/// Once the upload has begun, a failure is an <see cref="UploadFailedException"/> (the cause is its
/// inner exception), a mismatch of the final object an <see cref="UploadVerificationException"/>, and
/// cancellation an <see cref="UploadCanceledException"/>.
/// </remarks>
public sealed class ResumableUploader
{
    private readonly IOssClient _client;
    private readonly string? _checkpointDirectory;
    private readonly Func<string, ICheckpointStore>? _storeFactory;
    private readonly ConcurrentDictionary<string, ICheckpointStore> _stores = new(StringComparer.Ordinal);
    private readonly Action<UploadLogEntry>? _log;
    private readonly TimeSpan _cleanupTimeout;
    private readonly TimeSpan _progressInterval;
    private readonly CheckpointConnection _connection;

    /// <summary>Creates an uploader.</summary>
    /// <param name="client">The OSS client (share one per endpoint); its endpoint is the one recorded in checkpoints.</param>
    /// <param name="settings">Settings (copied), or null for defaults.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public ResumableUploader(IOssClient client, UploaderSettings? settings = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        settings ??= new UploaderSettings();
        Endpoint = client.Endpoint.GetLeftPart(UriPartial.Authority);

        // Recorded in checkpoints so that a resume signs as this upload did (the region in particular,
        // which an IP or CNAME endpoint does not name).
        _connection = CheckpointConnection.Of(client);
        if (settings.CheckpointDirectory is not null && !Path.IsPathRooted(settings.CheckpointDirectory))
        {
            throw new ArgumentException("The checkpoint directory must be an absolute path; a relative one would depend on the working directory.", nameof(settings));
        }

        if (settings.CleanupTimeout <= TimeSpan.Zero || settings.ProgressInterval < TimeSpan.Zero)
        {
            throw new ArgumentException("CleanupTimeout must be positive and ProgressInterval zero or more.", nameof(settings));
        }

        _checkpointDirectory = settings.CheckpointDirectory;
        _storeFactory = settings.CheckpointStoreFactory;
        _log = settings.Log;
        _cleanupTimeout = settings.CleanupTimeout;
        _progressInterval = settings.ProgressInterval;
        Throttle = settings.Throttle ?? new TransferThrottle(UploadLimits.MaxThreads);
        BandwidthLimiter = settings.BandwidthLimiter;
    }

    /// <summary>The endpoint recorded in checkpoints (scheme, host and port).</summary>
    public string Endpoint { get; }

    /// <summary>The concurrency budget shared by this uploader's uploads.</summary>
    public TransferThrottle Throttle { get; }

    /// <summary>The bandwidth cap shared by this uploader's uploads (and others given the same instance), or null.</summary>
    public BandwidthLimiter? BandwidthLimiter { get; }

    /// <summary>
    /// Where the checkpoint of uploading <paramref name="filePath"/> to <paramref name="bucket"/>/<paramref name="key"/>
    /// lives (whether or not it exists), e.g. for a "what if" display.
    /// </summary>
    /// <param name="filePath">The local file.</param>
    /// <param name="bucket">Destination bucket.</param>
    /// <param name="key">Destination key.</param>
    /// <param name="checkpointDirectory">Absolute checkpoint directory, or null for the uploader's default.</param>
    /// <returns>The absolute checkpoint path.</returns>
    public string GetCheckpointPath(string filePath, string bucket, string key, string? checkpointDirectory = null) =>
        GetStore(checkpointDirectory).GetCheckpointPath(new CheckpointIdentity(filePath, bucket, key));

    /// <summary>
    /// Uploads a file: plans, then sends it in one request or in parallel parts (resuming from the
    /// checkpoint of an earlier run when there is a valid one), completes, and verifies the object's
    /// CRC-64. The checkpoint is deleted after the verified Complete and kept on failure or cancellation.
    /// </summary>
    /// <param name="request">What to upload, where and how.</param>
    /// <param name="progress">Receives byte-accurate progress (on worker threads; keep it quick), or null.</param>
    /// <param name="cancellationToken">Stops the upload within about a second; the checkpoint is saved first.</param>
    /// <returns>The verified result.</returns>
    /// <exception cref="UploadFailedException">The upload failed after it began; see the message and inner exception.</exception>
    /// <exception cref="UploadVerificationException">The object OSS assembled does not match the file.</exception>
    /// <exception cref="UploadCanceledException">The token was cancelled.</exception>
    public Task<UploadResult> UploadFileAsync(FileUploadRequest request, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ValidateDestination(request.Bucket, request.Key);
        ValidateThreads(request.Threads, nameof(request));
        UploadPlanner.ValidateThreshold(request.MultipartThreshold);
        if (request.PartSize is long partSize)
        {
            UploadPlanner.ValidatePartSize(partSize);
        }

        string filePath = RequireFilePath(request.FilePath, nameof(request));
        ICheckpointStore? store = request.DisableCheckpoint ? null : GetStore(request.CheckpointDirectory);
        UploadContext context = CreateContext(request.Bucket, request.Key, filePath, request.Threads, progress);
        return RunAsync(() => new FileUploadJob(context, request, store, cancellationToken).RunAsync());
    }

    /// <summary>
    /// Resumes the upload a checkpoint file describes, as re-running the original upload would: same
    /// file, destination, part size and object options. If the checkpoint can no longer be resumed
    /// (the file changed, the upload vanished...), that is logged and the file is uploaded anew.
    /// </summary>
    /// <param name="checkpointPath">The checkpoint file (<c>*.checkpoint.json</c>).</param>
    /// <param name="threads">Parts sent in parallel, 1 to 256.</param>
    /// <param name="progress">Receives progress, or null.</param>
    /// <param name="cancellationToken">Stops the upload; the checkpoint is saved first.</param>
    /// <returns>The verified result.</returns>
    /// <exception cref="CheckpointException">The checkpoint cannot be read or is damaged (nothing was changed).</exception>
    /// <exception cref="ArgumentException">The checkpoint was written through another endpoint, or was renamed.</exception>
    public Task<UploadResult> ResumeFromCheckpointAsync(
        string checkpointPath, int threads = UploadLimits.DefaultThreads, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ResumeFromCheckpointAsync(CheckpointFile.Open(checkpointPath), threads, progress, cancellationToken);

    /// <summary>
    /// Resumes the upload of a checkpoint file already opened (to choose this uploader's client from
    /// it); see <see cref="ResumeFromCheckpointAsync(string, int, IProgress{UploadProgress}?, CancellationToken)"/>.
    /// The checkpoint is read again under the upload's lock, where its state is authoritative.
    /// </summary>
    /// <param name="checkpoint">The opened checkpoint file.</param>
    /// <param name="threads">Parts sent in parallel, 1 to 256.</param>
    /// <param name="progress">Receives progress, or null.</param>
    /// <param name="cancellationToken">Stops the upload; the checkpoint is saved first.</param>
    /// <returns>The verified result.</returns>
    /// <exception cref="ArgumentException">The checkpoint was written through another endpoint, or was renamed.</exception>
    public Task<UploadResult> ResumeFromCheckpointAsync(
        CheckpointFile checkpoint, int threads = UploadLimits.DefaultThreads, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (checkpoint is null)
        {
            throw new ArgumentNullException(nameof(checkpoint));
        }

        ValidateThreads(threads, nameof(threads));
        UploadCheckpoint recorded = RequireThisEndpoint(checkpoint, "Resume");
        if (!IsStoredUnderItsName(checkpoint))
        {
            throw new ArgumentException(
                "The checkpoint '" + checkpoint.Path + "' is named differently from what its content implies ('"
                    + Path.GetFileName(GetStore(checkpoint.Directory).GetCheckpointPath(checkpoint.Checkpoint.Identity))
                    + "'); it was renamed or copied. Rename it back to resume it.",
                nameof(checkpoint));
        }

        var request = new FileUploadRequest(recorded.Source.FullPath, recorded.Bucket, recorded.Key)
        {
            PartSize = recorded.PartSize,
            MultipartThreshold = 1,
            Threads = threads,
            CheckpointDirectory = checkpoint.Directory,
            WriteOptions = ObjectWriteHeaders.FromHeaders(recorded.ObjectHeaders),
        };
        return UploadFileAsync(request, progress, cancellationToken);
    }

    /// <summary>
    /// Aborts the upload a checkpoint file records, deleting its parts on OSS, then its checkpoint and
    /// upload ID record (a renamed copy: only that file). The upload's lock is held throughout, so an
    /// upload that is running is refused rather than pulled from under it. An upload OSS no longer has
    /// (completed or aborted before) is not an error for a clean-up: its files are deleted too.
    /// </summary>
    /// <param name="checkpoint">The opened checkpoint file.</param>
    /// <param name="cancellationToken">Cancels the abort request.</param>
    /// <returns>True when OSS had the upload and aborted it; false when it was already gone.</returns>
    /// <exception cref="CheckpointException">An upload of the same file and key is running (<see cref="CheckpointFailureReason.Locked"/>), or a file could not be deleted.</exception>
    /// <exception cref="ArgumentException">The checkpoint was written through another endpoint.</exception>
    /// <exception cref="OssException">OSS refused the abort; nothing local was changed.</exception>
    public Task<bool> AbortAsync(CheckpointFile checkpoint, CancellationToken cancellationToken = default)
    {
        if (checkpoint is null)
        {
            throw new ArgumentNullException(nameof(checkpoint));
        }

        UploadCheckpoint recorded = RequireThisEndpoint(checkpoint, "Abort");
        return RunAsync(async () =>
        {
            ICheckpointStore store = GetStore(checkpoint.Directory);
            using (store.AcquireLock(recorded.Identity))
            {
                bool existed = await UploadAbort.AbortAsync(_client, recorded.Bucket, recorded.Key, recorded.UploadId, cancellationToken).ConfigureAwait(false);
                if (IsStoredUnderItsName(checkpoint))
                {
                    store.Delete(recorded.Identity);
                    store.ClearInitiatingMark(recorded.Identity);
                }
                else
                {
                    // The store's own checkpoint, if any, may record another upload of the same file.
                    checkpoint.DeleteCopy();
                }

                return existed;
            }
        });
    }

    /// <summary>
    /// Aborts an upload known only by its ID, deleting its parts on OSS. Local files that name exactly this
    /// upload through this endpoint in the uploader's checkpoint directory (an upload ID record left without
    /// its checkpoint, with its marker and lock file) are removed too; no other local file is touched.
    /// </summary>
    /// <param name="bucket">Bucket of the upload.</param>
    /// <param name="key">Object key of the upload.</param>
    /// <param name="uploadId">The upload ID.</param>
    /// <param name="cancellationToken">Cancels the abort request.</param>
    /// <returns>True when OSS had the upload and aborted it; false when it was already gone.</returns>
    /// <exception cref="ArgumentException">A name or the ID is invalid.</exception>
    /// <exception cref="OssException">OSS refused the abort.</exception>
    public Task<bool> AbortAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default)
    {
        ValidateDestination(bucket, key);
        if (string.IsNullOrWhiteSpace(uploadId))
        {
            throw new ArgumentException("The upload ID is empty.", nameof(uploadId));
        }

        return RunAsync(async () =>
        {
            bool existed = await UploadAbort.AbortAsync(_client, bucket, key, uploadId, cancellationToken).ConfigureAwait(false);
            if (GetStore(null) is FileCheckpointStore store)
            {
                UploadIdLeftovers.RemoveAllOf(store, store.Directory, Endpoint, bucket, key, uploadId, new UploadLog(_log, bucket, key, null));
            }

            return existed;
        });
    }

    /// <summary>
    /// Finishes an existing multipart upload without a checkpoint, from its upload ID and the local
    /// file: lists the stored parts, checks each against the local bytes by size and CRC-64, sends
    /// the parts that differ or are missing, completes and verifies. The upload is never aborted on
    /// failure, so the call can be repeated.
    /// </summary>
    /// <param name="request">The upload and the local file.</param>
    /// <param name="progress">Receives progress, or null.</param>
    /// <param name="cancellationToken">Stops the resume.</param>
    /// <returns>The verified result.</returns>
    /// <exception cref="UploadFailedException">The resume failed (also when the upload ID does not exist).</exception>
    /// <exception cref="UploadVerificationException">The object OSS assembled does not match the file.</exception>
    /// <exception cref="UploadCanceledException">The token was cancelled.</exception>
    public Task<UploadResult> ResumeUploadAsync(ResumeUploadRequest request, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ValidateDestination(request.Bucket, request.Key);
        ValidateThreads(request.Threads, nameof(request));
        if (string.IsNullOrWhiteSpace(request.UploadId))
        {
            throw new ArgumentException("The upload ID is empty.", nameof(request));
        }

        if (request.PartSize is long partSize)
        {
            UploadPlanner.ValidatePartSize(partSize);
        }

        string filePath = RequireFilePath(request.FilePath, nameof(request));
        UploadContext context = CreateContext(request.Bucket, request.Key, filePath, request.Threads, progress);
        return RunAsync(new UploadIdResumeJob(context, request, GetStore(null), cancellationToken).RunAsync);
    }

    /// <summary>
    /// Whether a checkpoint's upload lives at this uploader's endpoint, i.e. whether this uploader may resume
    /// or abort it (<see cref="ResumeFromCheckpointAsync(CheckpointFile, int, IProgress{UploadProgress}?, CancellationToken)"/>
    /// and <see cref="AbortAsync(CheckpointFile, CancellationToken)"/> refuse any other).
    /// </summary>
    /// <param name="checkpoint">The opened checkpoint file.</param>
    /// <returns>True when the endpoints are the same.</returns>
    public bool IsThroughThisEndpoint(CheckpointFile checkpoint) =>
        checkpoint is not null && string.Equals(
            CheckpointValidator.NormalizeEndpoint(checkpoint.Checkpoint.Endpoint), CheckpointValidator.NormalizeEndpoint(Endpoint), StringComparison.Ordinal);

    // On the thread pool, so that the synchronous start (reading the file's fingerprint, loading the
    // checkpoint) never runs on the caller's thread, e.g. a PowerShell pipeline thread.
    private static Task<T> RunAsync<T>(Func<Task<T>> job) => Task.Run(job);

    // A checkpoint is resumed and aborted only through the endpoint its upload lives at.
    private UploadCheckpoint RequireThisEndpoint(CheckpointFile checkpoint, string action)
    {
        UploadCheckpoint recorded = checkpoint.Checkpoint;
        if (!IsThroughThisEndpoint(checkpoint))
        {
            throw new ArgumentException(
                "The checkpoint '" + checkpoint.Path + "' belongs to an upload through endpoint " + recorded.Endpoint + ", but this uploader uses " + Endpoint
                    + ". " + action + " it with a client for " + recorded.Endpoint + ".",
                nameof(checkpoint));
        }

        return recorded;
    }

    private bool IsStoredUnderItsName(CheckpointFile checkpoint) =>
        PathComparison.AreSame(GetStore(checkpoint.Directory).GetCheckpointPath(checkpoint.Checkpoint.Identity), checkpoint.Path);

    private static void ValidateDestination(string bucket, string key)
    {
        OssNames.ValidateBucket(bucket);
        OssNames.ValidateKey(key);
    }

    private static void ValidateThreads(int threads, string parameterName)
    {
        if (threads < 1 || threads > UploadLimits.MaxThreads)
        {
            throw new ArgumentOutOfRangeException(parameterName, threads, "Threads must be between 1 and " + UploadLimits.MaxThreads + ".");
        }
    }

    private static string RequireFilePath(string filePath, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(filePath))
        {
            throw new ArgumentException("A file path is required.", parameterName);
        }

        return Path.GetFullPath(filePath);
    }

    private UploadContext CreateContext(string bucket, string key, string filePath, int threads, IProgress<UploadProgress>? progress)
    {
        var log = new UploadLog(_log, bucket, key, filePath);
        var tracker = new UploadProgressReporter(progress, filePath, bucket, key, _progressInterval);
        return new UploadContext(_client, Throttle, BandwidthLimiter, Endpoint, _connection, bucket, key, filePath, threads, log, tracker, _cleanupTimeout);
    }

    private ICheckpointStore GetStore(string? requestedDirectory)
    {
        string? directory = requestedDirectory ?? _checkpointDirectory;
        if (directory is not null && !Path.IsPathRooted(directory))
        {
            throw new ArgumentException("The checkpoint directory must be an absolute path; a relative one would depend on the working directory.", nameof(requestedDirectory));
        }

        if (directory is null)
        {
            return _stores.GetOrAdd(
                string.Empty,
                _ => _storeFactory is null ? new FileCheckpointStore() : _storeFactory(CheckpointDirectory.GetDefault()));
        }

        string full = Path.GetFullPath(directory);
        return _stores.GetOrAdd(full, d => _storeFactory is null ? new FileCheckpointStore(d) : _storeFactory(d));
    }
}
