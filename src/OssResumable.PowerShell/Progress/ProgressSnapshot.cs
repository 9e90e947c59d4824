using System.Collections.Generic;

namespace OssResumable.PowerShell.Progress;

/// <summary>The whole batch at one moment, taken by <see cref="BatchProgressTracker.TakeSnapshot"/>.</summary>
internal sealed class ProgressSnapshot
{
    /// <summary>Files finished successfully.</summary>
    public int FilesSucceeded { get; set; }

    /// <summary>Files that failed.</summary>
    public int FilesFailed { get; set; }

    /// <summary>Files announced in advance (e.g. a wildcard's matches), or null when input is still streaming in.</summary>
    public int? FilesExpected { get; set; }

    /// <summary>Files started so far (finished or in flight).</summary>
    public int FilesStarted { get; set; }

    /// <summary>Bytes on OSS across the batch (finished files count fully, failed ones with what they had).</summary>
    public long BytesDone { get; set; }

    /// <summary>Bytes of <see cref="BytesDone"/> sent in this session (what the rate measures); the rest was already stored.</summary>
    public long BytesSent { get; set; }

    /// <summary>Total bytes of the files known so far (started plus announced).</summary>
    public long BytesTotal { get; set; }

    /// <summary>Bytes sent per second over the recent window (bytes already stored excluded), or null while unknown.</summary>
    public double? BytesPerSecond { get; set; }

    /// <summary>Files in flight.</summary>
    public IReadOnlyList<FileProgress> Active { get; set; } = new List<FileProgress>();

    /// <summary>Ids of files that finished since the previous snapshot (their bars must be completed).</summary>
    public IReadOnlyList<int> FinishedSinceLastSnapshot { get; set; } = new List<int>();
}
