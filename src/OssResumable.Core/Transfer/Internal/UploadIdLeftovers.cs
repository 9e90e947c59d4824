using System;
using OssResumable.Core.Checkpoints;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// After an upload known by its ID was completed or aborted (Resume-OssUpload or Stop-OssUpload given an
/// upload, not a checkpoint): the local files that named it are removed — its upload ID record, a checkpoint
/// of the same upload, the marker of the same initiation, and the lock file (released, hence deleted) — so
/// nothing is left for a later run to trip over. Files that name another upload, or that cannot be read,
/// are left for the next run of that file, which settles them by the usual rules.
/// </summary>
internal static class UploadIdLeftovers
{
    public static void Remove(ICheckpointStore store, CheckpointIdentity identity, string uploadId, UploadLog log)
    {
        if (!store.MayHoldEarlierRun(identity))
        {
            return;
        }

        try
        {
            using (store.AcquireLock(identity))
            {
                UploadCheckpoint? checkpoint = store.TryLoad(identity);
                UploadIdRecord? record = store.TryLoadUploadIdRecord(identity);
                bool namesThisUpload = checkpoint?.UploadId == uploadId || (checkpoint is null && record?.UploadId == uploadId);
                if (!namesThisUpload)
                {
                    return;
                }

                store.Delete(identity);
                if (record is not null && store.TryGetInitiatingMark(identity) == record.InitiatedUtc)
                {
                    // A run died between writing the record and removing its marker: the same initiation.
                    store.ClearInitiatingMark(identity);
                }

                log.Verbose("Removed the local files that named upload " + uploadId + " of '" + identity.SourcePath + "'.");
            }
        }
        catch (CheckpointException ex)
        {
            // Locked by a run of this file in progress (its files are its own), or a file that cannot be read.
            log.Verbose("The local files of '" + identity.SourcePath + "' to " + identity.Destination + " were left as they are: " + ex.Message);
        }
    }

    /// <summary>Removes what every intact record of <paramref name="directory"/> naming this upload left (an abort by ID has no local file).</summary>
    public static void RemoveAllOf(ICheckpointStore store, string directory, string endpoint, string bucket, string key, string uploadId, UploadLog log)
    {
        foreach (UploadIdRecord record in CheckpointLeftover.FindRecordsOf(directory, bucket, key, uploadId))
        {
            // An upload ID is unique only at its endpoint.
            if (string.Equals(CheckpointValidator.NormalizeEndpoint(record.Endpoint), CheckpointValidator.NormalizeEndpoint(endpoint), StringComparison.Ordinal))
            {
                Remove(store, record.Identity, uploadId, log);
            }
        }
    }
}
