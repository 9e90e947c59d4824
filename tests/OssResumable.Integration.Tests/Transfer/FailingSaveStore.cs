using System;
using System.Threading;
using OssResumable.Core.Checkpoints;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>A real <see cref="FileCheckpointStore"/> whose saves fail from the Nth on (and, if asked, every upload ID record write), as on a full or read-only disk.</summary>
internal sealed class FailingSaveStore : ICheckpointStore
{
    private readonly FileCheckpointStore _inner;
    private readonly int _failFromSave;
    private int _saves;

    public FailingSaveStore(string directory, int failFromSave)
    {
        _inner = new FileCheckpointStore(directory);
        _failFromSave = failFromSave;
    }

    public int Saves => Volatile.Read(ref _saves);

    /// <summary>When set, every upload ID record write fails too.</summary>
    public bool FailUploadIdRecord { get; init; }

    public string GetCheckpointPath(CheckpointIdentity identity) => _inner.GetCheckpointPath(identity);

    public UploadCheckpoint Load(CheckpointIdentity identity) => _inner.Load(identity);

    public UploadCheckpoint? TryLoad(CheckpointIdentity identity) => _inner.TryLoad(identity);

    public void Save(UploadCheckpoint checkpoint)
    {
        if (Interlocked.Increment(ref _saves) >= _failFromSave)
        {
            string path = _inner.GetCheckpointPath(checkpoint.Identity);
            throw new CheckpointException(CheckpointFailureReason.WriteFailed, path, "The checkpoint '" + path + "' could not be written: No space left on device.", null);
        }

        _inner.Save(checkpoint);
    }

    public bool Delete(CheckpointIdentity identity) => _inner.Delete(identity);

    public IDisposable AcquireLock(CheckpointIdentity identity) => _inner.AcquireLock(identity);

    public void SaveUploadIdRecord(UploadIdRecord record)
    {
        if (FailUploadIdRecord)
        {
            string path = _inner.GetUploadIdRecordPath(record.Identity);
            throw new CheckpointException(CheckpointFailureReason.WriteFailed, path, "The upload ID record '" + path + "' could not be written: No space left on device.", null);
        }

        _inner.SaveUploadIdRecord(record);
    }

    public UploadIdRecord? TryLoadUploadIdRecord(CheckpointIdentity identity) => _inner.TryLoadUploadIdRecord(identity);

    public bool MayHoldEarlierRun(CheckpointIdentity identity) => _inner.MayHoldEarlierRun(identity);

    public void MarkInitiating(CheckpointIdentity identity, DateTime startedUtc) => _inner.MarkInitiating(identity, startedUtc);

    public DateTime? TryGetInitiatingMark(CheckpointIdentity identity) => _inner.TryGetInitiatingMark(identity);

    public void ClearInitiatingMark(CheckpointIdentity identity) => _inner.ClearInitiatingMark(identity);
}
