using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>Everything one upload call shares between its steps: client, budget, destination, log, progress and counters.</summary>
internal sealed class UploadContext
{
    private int _retries;

    public UploadContext(
        IOssClient client,
        TransferThrottle throttle,
        BandwidthLimiter? bandwidthLimiter,
        string endpoint,
        CheckpointConnection connection,
        string bucket,
        string key,
        string filePath,
        int threads,
        UploadLog log,
        UploadProgressReporter progress,
        TimeSpan cleanupTimeout)
    {
        Client = client;
        Throttle = throttle;
        BandwidthLimiter = bandwidthLimiter;
        Endpoint = endpoint;
        Connection = connection;
        Bucket = bucket;
        Key = key;
        FilePath = filePath;
        Threads = threads;
        Log = log;
        Progress = progress;
        CleanupTimeout = cleanupTimeout;
        Stopwatch = Stopwatch.StartNew();
    }

    public IOssClient Client { get; }

    public TransferThrottle Throttle { get; }

    /// <summary>The bandwidth cap every data request of this upload is sent under, or null.</summary>
    public BandwidthLimiter? BandwidthLimiter { get; }

    public string Endpoint { get; }

    /// <summary>Signing region, version and addressing recorded in new checkpoints.</summary>
    public CheckpointConnection Connection { get; }

    public string Bucket { get; }

    public string Key { get; }

    public string Destination => "oss://" + Bucket + "/" + Key;

    /// <summary>Absolute path of the source file.</summary>
    public string FilePath { get; }

    public int Threads { get; }

    public UploadLog Log { get; }

    public UploadProgressReporter Progress { get; }

    public TimeSpan CleanupTimeout { get; }

    public Stopwatch Stopwatch { get; }

    public int Retries => Volatile.Read(ref _retries);

    /// <summary>The per-request retry observer given to every request of this upload.</summary>
    public void OnRetry(OssRetryNotice notice)
    {
        Interlocked.Increment(ref _retries);
        Log.Verbose(string.Format(
            CultureInfo.InvariantCulture,
            "Attempt {0} of {1} failed and will be retried in {2:0.###} s: {3}",
            notice.AttemptNumber,
            notice.Operation,
            notice.Delay.TotalSeconds,
            notice.Exception.Message));
    }

    /// <summary>The progress callback of a data request holding <paramref name="slot"/>: this upload's progress and the throttle's goodput.</summary>
    public Action<long> ProgressFor(TransferSlot slot) => bytes =>
    {
        Progress.OnBytes(bytes);
        slot.OnBytes(bytes);
    };

    /// <summary>The retry observer of a data request: counted and logged like any retry, and told to the throttle (which backs off on throttling).</summary>
    public void OnDataRetry(OssRetryNotice notice)
    {
        OnRetry(notice);
        Throttle.OnRetry(notice);
    }

    /// <summary>The result of this upload: the one place an <see cref="UploadResult"/> is built.</summary>
    /// <param name="plan">The plan the object was uploaded by (one "part" for a single request).</param>
    /// <param name="uploadId">The multipart upload, or null for a single request.</param>
    /// <param name="bytesSent">Bytes acknowledged in this run.</param>
    /// <param name="bytesSkipped">Bytes of parts already stored and verified.</param>
    /// <param name="eTag">The object's ETag.</param>
    /// <param name="crc64">The object's verified CRC-64.</param>
    /// <param name="versionId">Version ID, or null.</param>
    /// <param name="resumed">True when an existing multipart upload was continued.</param>
    /// <param name="checkpointPath">The checkpoint used, or null.</param>
    /// <returns>The result.</returns>
    public UploadResult Result(
        UploadPlan plan, string? uploadId, long bytesSent, long bytesSkipped, string eTag, ulong crc64, string? versionId, bool resumed, string? checkpointPath) => new(
        Bucket,
        Key,
        FilePath,
        plan.FileLength,
        uploadId,
        eTag,
        crc64,
        plan.PartCount,
        plan.PartSize,
        bytesSent,
        bytesSkipped,
        Retries,
        Stopwatch.Elapsed,
        resumed,
        checkpointPath,
        versionId);

    /// <summary>A token for cleanup (abort) that the caller's cancellation does not affect, bounded by <see cref="CleanupTimeout"/>.</summary>
    public CancellationTokenSource CreateCleanupTokenSource() => new(CleanupTimeout);

    /// <summary>
    /// How long this upload's first control request before its parts (InitiateMultipartUpload, or the first page
    /// of ListParts) waited for the network, in seconds: its time on the throttle's clock, a new connection's
    /// handshakes included, less the processor time the process used meanwhile (the first request of a process
    /// compiles its code, which is no part of the link's round trip); null until one completed. An adaptive
    /// throttle scales its start with it (<see cref="TransferThrottle.OnWorkOffered"/>).
    /// </summary>
    public double? ControlRoundTripSeconds { get; private set; }

    /// <summary>Records the first control request's wait for the network (<see cref="ControlRoundTripSeconds"/>); later ones change nothing.</summary>
    public void NoteControlRoundTrip(NetworkWaitTimer timer)
    {
        if (ControlRoundTripSeconds is not null)
        {
            return;
        }

        double wall = timer.WallSeconds;
        double? processor = timer.ProcessorSeconds;
        ControlRoundTripSeconds = NetworkWaitTimer.NetworkWait(wall, processor);
        if (Throttle.IsAdaptive)
        {
            Log.Verbose(string.Format(
                CultureInfo.InvariantCulture,
                "First control request: {0:0.0} ms, of which the process used {1} of processor time; {2:0.0} ms waiting for the network.",
                wall * 1000,
                processor is double used ? (used * 1000).ToString("0.0 'ms'", CultureInfo.InvariantCulture) : "an unknown amount",
                ControlRoundTripSeconds.Value * 1000));
        }
    }

    /// <summary>Every part OSS holds for <paramref name="uploadId"/> of this destination, all pages.</summary>
    public async Task<IReadOnlyList<ListedPart>> ListPartsAsync(string uploadId, CancellationToken cancellationToken)
    {
        var parts = new List<ListedPart>();
        NetworkWaitTimer timer = Throttle.StartNetworkWaitTimer();
        await foreach (ListedPart part in Client.ListPartsAsync(Bucket, Key, uploadId, cancellationToken).ConfigureAwait(false))
        {
            NoteControlRoundTrip(timer);
            parts.Add(part);
        }

        NoteControlRoundTrip(timer);
        return parts;
    }

    /// <summary>The multipart uploads of exactly this key in progress on OSS (not those of longer keys sharing its prefix).</summary>
    public async Task<IReadOnlyList<MultipartUploadSummary>> ListKeyUploadsAsync(CancellationToken cancellationToken)
    {
        var uploads = new List<MultipartUploadSummary>();
        var listing = new ListMultipartUploadsRequest(Bucket) { Prefix = Key };
        await foreach (MultipartUploadSummary upload in Client.ListMultipartUploadsAsync(listing, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(upload.Key, Key, StringComparison.Ordinal))
            {
                uploads.Add(upload);
            }
        }

        return uploads;
    }
}
