using System;
using System.Globalization;

namespace OssResumable.Integration.Tests.Crash;

/// <summary>One kill's figures, as printed in the crash test's table.</summary>
internal sealed class KillRecord
{
    private const double MiB = 1024 * 1024;

    public required int Index { get; init; }

    public required KillPoint Point { get; init; }

    public required TimeSpan RunTime { get; init; }

    public required UploadObservation After { get; init; }

    /// <summary>
    /// Bytes the server read in this run that the next run cannot skip: (R_k - C_k) - (R_k-1 - C_k-1).
    /// </summary>
    public required long Lost { get; init; }

    public static string Header =>
        "kill  mode                          run ms   R read MiB   C ckpt MiB (parts)   S server MiB (parts)   lost MiB (bytes)";

    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0,4}  {1,-28} {2,7:F0} {3,12:F2} {4,12:F2} ({5,4}) {6,14:F2} ({7,4}) {8,10:F2} ({9})",
        Index,
        Point,
        RunTime.TotalMilliseconds,
        After.BodyBytesRead / MiB,
        After.CheckpointBytes / MiB,
        After.Checkpoint?.CompletedPartCount ?? 0,
        After.ServerBytes / MiB,
        After.ServerUpload?.Parts.Count ?? 0,
        Lost / MiB,
        Lost);
}
