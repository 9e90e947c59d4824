using System;
using System.Collections.Generic;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.PowerShell.Parameters;
using OssResumable.PowerShell.Progress;

namespace OssResumable.PowerShell.Uploads;

/// <summary>Send-OssFile's and Resume-OssUpload's transfer parameters as plain values.</summary>
internal sealed class UploadOptions
{
    /// <summary>Parallel parts across the whole command (and so parallel files); with <see cref="AutoThreads"/>, the ceiling.</summary>
    public int Threads { get; set; } = UploadLimits.DefaultThreads;

    /// <summary>-Threads Auto: parts in flight adapt to the measured throughput, up to <see cref="Threads"/>.</summary>
    public bool AutoThreads { get; set; }

    /// <summary>Bandwidth cap of the whole command in bytes per second, or null for none.</summary>
    public long? MaxBytesPerSecond { get; set; }

    /// <summary>How the thread count reads in descriptions: "4 thread(s)" or "Auto threads (8 to start, up to 128 on a far link, at most 256)".</summary>
    public string ThreadsText(int partCount)
    {
        int most = Math.Min(Threads, Math.Max(1, partCount));
        string mostText = most.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Auto starts at 8; on a far link a multipart upload starts with more of its parts, up to 128 (TransferThrottle.Adaptive()),
        // unless a cap sets the rate (PartRunner: no wide start under a cap).
        int start = Math.Min(most, TransferThrottle.AdaptiveInitialConcurrency);
        int wideStart = MaxBytesPerSecond is null ? Math.Min(most, Math.Min(partCount, TransferThrottle.AdaptiveMaxStartConcurrency)) : start;
        string wideText = wideStart > start ? ", up to " + wideStart.ToString(System.Globalization.CultureInfo.InvariantCulture) + " on a far link" : string.Empty;
        return (AutoThreads
            ? "Auto threads (" + start.ToString(System.Globalization.CultureInfo.InvariantCulture) + " to start" + wideText + ", at most " + mostText + ")"
            : mostText + " thread(s)") + CapText();
    }

    /// <summary>The bandwidth cap as descriptions end with it (", at most 10 MiB/s for the whole command"), or empty without one.</summary>
    public string CapText() =>
        MaxBytesPerSecond is long cap ? ", at most " + SizeText.Rate(cap) + " for the whole command" : string.Empty;

    /// <summary>Part size, or null for automatic.</summary>
    public long? PartSize { get; set; }

    /// <summary>Files of at least this size go multipart.</summary>
    public long MultipartThreshold { get; set; } = UploadLimits.DefaultMultipartThreshold;

    /// <summary>Absolute checkpoint directory, or null for the default per-user one.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>No checkpoint: the engine aborts a failed or interrupted multipart upload instead of keeping it.</summary>
    public bool NoCheckpoint { get; set; }

    /// <summary>Content-Type, or null to guess from the extension.</summary>
    public string? ContentType { get; set; }

    /// <summary>User metadata (x-oss-meta-*).</summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>();

    /// <summary>Storage class, or null.</summary>
    public string? StorageClass { get; set; }

    /// <summary>Object ACL, or null.</summary>
    public string? Acl { get; set; }

    /// <summary>Server-side encryption, or null.</summary>
    public string? ServerSideEncryption { get; set; }

    /// <summary>Fail when the object exists.</summary>
    public bool NoOverwrite { get; set; }

    /// <summary>-SkipUnchanged: do not upload a file the object already holds (same length and CRC-64).</summary>
    public bool SkipUnchanged { get; set; }

    /// <summary>The engine's object options for one file.</summary>
    /// <param name="localPath">The file (its extension gives the content type when -ContentType is absent), or null.</param>
    /// <returns>The options.</returns>
    public ObjectWriteOptions ToWriteOptions(string? localPath)
    {
        var options = new ObjectWriteOptions
        {
            ContentType = ContentType ?? (localPath is null ? null : ContentTypes.Guess(localPath)),
            StorageClass = StorageClass,
            ObjectAcl = Acl,
            ServerSideEncryption = ServerSideEncryption,
            ForbidOverwrite = NoOverwrite,
        };
        foreach (KeyValuePair<string, string> entry in Metadata)
        {
            options.Metadata[entry.Key] = entry.Value;
        }

        return options;
    }
}
