using OssResumable.Core.Checkpoints;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>What the checkpoint of this file and key said when a new run started (the upload ID record is read separately).</summary>
internal sealed class EarlierRun
{
    private EarlierRun(UploadCheckpoint? resumed, UploadCheckpoint? superseded, CheckpointException? damage)
    {
        Resumed = resumed;
        Superseded = superseded;
        CheckpointDamage = damage;
    }

    /// <summary>There was no checkpoint.</summary>
    public static EarlierRun NoCheckpoint { get; } = new(null, null, null);

    /// <summary>An intact checkpoint whose upload this run resumes.</summary>
    public UploadCheckpoint? Resumed { get; }

    /// <summary>An intact checkpoint whose upload this run replaces: that upload is ours, and is aborted.</summary>
    public UploadCheckpoint? Superseded { get; }

    /// <summary>Why the checkpoint could not be read; its <see cref="CheckpointException.UntrustedUpload"/> is only a hint.</summary>
    public CheckpointException? CheckpointDamage { get; }

    /// <summary>The upload an intact checkpoint names, whether resumed or superseded.</summary>
    public string? IntactUploadId => (Resumed ?? Superseded)?.UploadId;

    public static EarlierRun Resuming(UploadCheckpoint checkpoint) => new(checkpoint, null, null);

    public static EarlierRun Superseding(UploadCheckpoint checkpoint) => new(null, checkpoint, null);

    public static EarlierRun Damaged(CheckpointException damage) => new(null, null, damage);
}
