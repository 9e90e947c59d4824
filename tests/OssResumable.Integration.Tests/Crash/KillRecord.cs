using System;
using System.Globalization;

namespace OssResumable.Integration.Tests.Crash;

/// <summary>One kill's figures, as printed in the crash test's table.</summary>
internal sealed class KillRecord
{
    private const double MiB = 1024 * 1024;

    public required int Index { get; init; }

    public required KillPoint Point { get; init; }

    /// <summary>When the kill came, after the driver's start.</summary>
    public required TimeSpan RunTime { get; init; }

    public required UploadObservation After { get; init; }

    /// <summary>
    /// Bytes the server read in this run that the next run cannot skip: (R_k - C_k) - (R_k-1 - C_k-1).
    /// </summary>
    public required long Lost { get; init; }

    /// <summary>
    /// The same with S (the bytes of the parts the server holds) for C: (R_k - S_k) - (R_k-1 - S_k-1).
    /// What an engine that re-checks stored parts by CRC-64 instead of re-sending them actually loses.
    /// </summary>
    public required long LostVsServer { get; init; }

    public static string Header =>
        "kill  mode                        killed at ms  uploads   R read MiB   C ckpt MiB (parts)   S server MiB (parts)   lost vs C MiB (bytes)   lost vs S MiB (bytes)";

    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0,4}  {1,-28} {2,9:F0} {12,8} {3,12:F2} {4,12:F2} ({5,4}) {6,14:F2} ({7,4}) {8,13:F2} ({9,9}) {10,13:F2} ({11,9})",
        Index,
        Point,
        RunTime.TotalMilliseconds,
        After.BodyBytesRead / MiB,
        After.CheckpointBytes / MiB,
        After.Checkpoint?.CompletedPartCount ?? 0,
        After.ServerBytes / MiB,
        After.ServerUpload?.Parts.Count ?? 0,
        Lost / MiB,
        Lost,
        LostVsServer / MiB,
        LostVsServer,
        After.Uploads.Count);
}
