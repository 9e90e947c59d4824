using System;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer;

/// <summary>Configuration of a <see cref="ResumableUploader"/>, copied when the uploader is created.</summary>
public sealed class UploaderSettings
{
    /// <summary>Default <see cref="CleanupTimeout"/>.</summary>
    public static readonly TimeSpan DefaultCleanupTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="ProgressInterval"/>.</summary>
    public static readonly TimeSpan DefaultProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Absolute directory for checkpoints of requests that name none; null = the per-user default (<see cref="Checkpoints.CheckpointDirectory.GetDefault"/>).</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Creates the checkpoint store for a directory; null = <see cref="FileCheckpointStore"/>. Called once per directory.</summary>
    public Func<string, ICheckpointStore>? CheckpointStoreFactory { get; set; }

    /// <summary>The concurrency budget shared by all uploads of this uploader (and of others given the same instance); null = a new one of 256 slots.</summary>
    public TransferThrottle? Throttle { get; set; }

    /// <summary>
    /// A bandwidth cap shared by all uploads of this uploader (and of others given the same instance): request
    /// body bytes per second, counted as they are written; null = no cap.
    /// </summary>
    public BandwidthLimiter? BandwidthLimiter { get; set; }

    /// <summary>Receives log entries of every upload (from worker threads; must be thread-safe and quick). Exceptions it throws are ignored.</summary>
    public Action<UploadLogEntry>? Log { get; set; }

    /// <summary>How long aborting an upload after a failure or cancellation may take (cleanup never uses the caller's token). Default 30 s.</summary>
    public TimeSpan CleanupTimeout { get; set; } = DefaultCleanupTimeout;

    /// <summary>Least time between byte-progress reports of one upload; phase changes and completed parts are always reported. Default 100 ms.</summary>
    public TimeSpan ProgressInterval { get; set; } = DefaultProgressInterval;
}
