using System.Collections.Generic;
using System.IO;
using System.Linq;
using OssResumable.Core.Checkpoints;
using OssResumable.Emulator;

namespace OssResumable.Integration.Tests.Crash;

/// <summary>What the crash test sees between runs: the emulator's counters, its in-progress uploads of the key, and the checkpoint file.</summary>
internal sealed class UploadObservation
{
    private UploadObservation(long bodyBytesRead, long bytesStored, long completeRequests, IReadOnlyList<EmulatorUploadInfo> uploads, EmulatorObjectInfo? storedObject, UploadCheckpoint? checkpoint)
    {
        BodyBytesRead = bodyBytesRead;
        BytesStored = bytesStored;
        CompleteRequests = completeRequests;
        Uploads = uploads;
        StoredObject = storedObject;
        Checkpoint = checkpoint;
    }

    /// <summary>UploadPart body bytes the emulator has read so far, partial bodies included (R).</summary>
    public long BodyBytesRead { get; }

    /// <summary>Part and object bytes the emulator has stored so far.</summary>
    public long BytesStored { get; }

    /// <summary>CompleteMultipartUpload requests the emulator has seen so far.</summary>
    public long CompleteRequests { get; }

    /// <summary>The object, once an upload was completed (by a run that may have died right after).</summary>
    public EmulatorObjectInfo? StoredObject { get; }

    /// <summary>The checkpoint's upload is gone from the server because it was completed into the object.</summary>
    public bool CompletedByKilledRun => Checkpoint is not null && ServerUpload is null && StoredObject is not null;

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

    /// <summary>Bytes of the parts the server holds for that upload, or of the object it was completed into (S).</summary>
    public long ServerBytes => ServerUpload?.Parts.Sum(p => p.Size) ?? (CompletedByKilledRun ? StoredObject!.Size : 0);

    public static UploadObservation Take(OssEmulator emulator, string bucket, string key, string checkpointPath)
    {
        EmulatorStatistics statistics = emulator.GetStatistics();
        UploadCheckpoint? checkpoint = File.Exists(checkpointPath) ? CheckpointFile.Open(checkpointPath).Checkpoint : null;
        return new UploadObservation(
            statistics.GetBodyBytesRead(EmulatorOperation.UploadPart),
            statistics.BytesReceived,
            statistics.GetRequestCount(EmulatorOperation.CompleteMultipartUpload),
            emulator.ListUploads(bucket).Where(u => u.Key == key).ToList(),
            emulator.GetObjectInfo(bucket, key),
            checkpoint);
    }
}
