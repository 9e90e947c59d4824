using System;

namespace OssResumable.Core.Checkpoints;

/// <summary>Persists upload checkpoints. Implementations must be safe to call from many threads.</summary>
public interface ICheckpointStore
{
    /// <summary>Where the checkpoint of an upload is (or would be) stored, for messages.</summary>
    /// <param name="identity">The upload.</param>
    /// <returns>A path or other location description.</returns>
    string GetCheckpointPath(CheckpointIdentity identity);

    /// <summary>Loads the checkpoint of an upload.</summary>
    /// <param name="identity">The upload.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="CheckpointException">There is none (<see cref="CheckpointFailureReason.NotFound"/>) or it cannot be used; <see cref="CheckpointException.Reason"/> says why.</exception>
    UploadCheckpoint Load(CheckpointIdentity identity);

    /// <summary>Loads the checkpoint of an upload if there is one.</summary>
    /// <param name="identity">The upload.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when none exists.</returns>
    /// <exception cref="CheckpointException">A checkpoint exists but cannot be used (damaged, newer version, unreadable); absence is not an error.</exception>
    UploadCheckpoint? TryLoad(CheckpointIdentity identity);

    /// <summary>
    /// Persists a checkpoint atomically. Safe to call from many threads as parts complete: when it
    /// returns, a state at least as recent as the one at the time of the call is durable. Concurrent
    /// calls are coalesced into fewer writes.
    /// </summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <exception cref="CheckpointException">It could not be written (<see cref="CheckpointFailureReason.WriteFailed"/>); the previous checkpoint is intact.</exception>
    void Save(UploadCheckpoint checkpoint);

    /// <summary>
    /// Deletes the checkpoint of an upload and its upload ID record (after a verified Complete, or once
    /// the upload was aborted or superseded): the upload is no longer ours to resume or clean up.
    /// </summary>
    /// <param name="identity">The upload.</param>
    /// <returns><see langword="true"/> if a checkpoint was deleted.</returns>
    /// <exception cref="CheckpointException">It exists but could not be deleted.</exception>
    bool Delete(CheckpointIdentity identity);

    /// <summary>
    /// Persists, atomically and apart from the checkpoint, which upload ID this source and destination
    /// owns, so that a damaged or deleted checkpoint still leads to that upload (and only that one).
    /// Written right after InitiateMultipartUpload, before the checkpoint; replaced by the next upload.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <exception cref="CheckpointException">It could not be written (<see cref="CheckpointFailureReason.WriteFailed"/>).</exception>
    void SaveUploadIdRecord(UploadIdRecord record);

    /// <summary>Loads the upload ID record of an upload if there is one.</summary>
    /// <param name="identity">The upload.</param>
    /// <returns>The record, or <see langword="null"/> when none exists.</returns>
    /// <exception cref="CheckpointException">A record exists but is damaged or unreadable; <see cref="CheckpointException.UntrustedUpload"/> carries what could be read.</exception>
    UploadIdRecord? TryLoadUploadIdRecord(CheckpointIdentity identity);

    /// <summary>
    /// Whether an earlier run of an upload may have left anything (a checkpoint, an upload ID record, an
    /// initiation marker or a lock file): a cheap test (no read, no exception) for the many files that are
    /// sent in one request and almost never have one.
    /// </summary>
    /// <param name="identity">The upload.</param>
    /// <returns><see langword="false"/> only when neither exists; <see langword="true"/> means "load them to know".</returns>
    bool MayHoldEarlierRun(CheckpointIdentity identity);

    /// <summary>
    /// Takes the exclusive lock of an upload for as long as it runs, so that two processes (or two
    /// uploads in one process) never work on the same source and destination at once.
    /// </summary>
    /// <param name="identity">The upload.</param>
    /// <returns>The lock; dispose it to release.</returns>
    /// <exception cref="CheckpointException">Someone else holds it (<see cref="CheckpointFailureReason.Locked"/>), or it could not be created.</exception>
    IDisposable AcquireLock(CheckpointIdentity identity);

    /// <summary>
    /// Records, durably, that an upload for <paramref name="identity"/> is about to be initiated, so
    /// that a run killed before its checkpoint names the new upload can be cleaned up by the next one.
    /// </summary>
    /// <param name="identity">The upload.</param>
    /// <param name="startedUtc">When the initiation started (UTC).</param>
    void MarkInitiating(CheckpointIdentity identity, DateTime startedUtc);

    /// <summary>Returns when an interrupted initiation started, or null when there is no marker.</summary>
    /// <param name="identity">The upload.</param>
    /// <returns>The start time (UTC) recorded by <see cref="MarkInitiating"/>, or null.</returns>
    DateTime? TryGetInitiatingMark(CheckpointIdentity identity);

    /// <summary>Removes the marker written by <see cref="MarkInitiating"/>, if any.</summary>
    /// <param name="identity">The upload.</param>
    void ClearInitiatingMark(CheckpointIdentity identity);
}
