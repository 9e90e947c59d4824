using System.Collections.Generic;
using System.IO;
using System.Linq;
using OssResumable.Core.Checkpoints;
using OssResumable.Emulator;

namespace OssResumable.Integration.Tests.Crash;

/// <summary>What the crash test sees between runs: the emulator's counters, its in-progress uploads of the key, and the checkpoint file.</summary>
internal sealed class UploadObservation
{
    private UploadObservation(long bodyBytesRead, long bytesStored, IReadOnlyList<EmulatorUploadInfo> uploads, UploadCheckpoint? checkpoint)
    {
        BodyBytesRead = bodyBytesRead;
        BytesStored = bytesStored;
        Uploads = uploads;
        Checkpoint = checkpoint;
    }

    /// <summary>UploadPart body bytes the emulator has read so far, partial bodies included (R).</summary>
    public long BodyBytesRead { get; }

    /// <summary>Part and object bytes the emulator has stored so far.</summary>
    public long BytesStored { get; }

    /// <summary>The emulator's in-progress uploads of the key.</summary>
    public IReadOnlyList<EmulatorUploadInfo> Uploads { get; }

    /// <summary>The checkpoint file's content, or null when there is none.</summary>
    public UploadCheckpoint? Checkpoint { get; }

    /// <summary>Bytes of the parts the checkpoint records (C).</summary>
    public long CheckpointBytes => Checkpoint?.CompletedBytes ?? 0;

    /// <summary>The server's upload the checkpoint names (or the only one when there is no checkpoint).</summary>
    public EmulatorUploadInfo? ServerUpload => Checkpoint is null
        ? (Uploads.Count == 1 ? Uploads[0] : null)
        : Uploads.FirstOrDefault(u => u.UploadId == Checkpoint.UploadId);

    /// <summary>Bytes of the parts the server holds for that upload (S).</summary>
    public long ServerBytes => ServerUpload?.Parts.Sum(p => p.Size) ?? 0;

    public static UploadObservation Take(OssEmulator emulator, string bucket, string key, string checkpointPath)
    {
        EmulatorStatistics statistics = emulator.GetStatistics();
        UploadCheckpoint? checkpoint = File.Exists(checkpointPath) ? FileCheckpointStore.LoadFile(checkpointPath) : null;
        return new UploadObservation(
            statistics.GetBodyBytesRead(EmulatorOperation.UploadPart),
            statistics.BytesReceived,
            emulator.ListUploads(bucket).Where(u => u.Key == key).ToList(),
            checkpoint);
    }
}
