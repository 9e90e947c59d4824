namespace OssResumable.Core.Checkpoints;

/// <summary>One difference between a checkpoint and the upload requested now.</summary>
internal sealed class CheckpointMismatch
{
    /// <summary>Creates a mismatch.</summary>
    /// <param name="kind">What differs.</param>
    /// <param name="recorded">The value in the checkpoint, for people.</param>
    /// <param name="current">The value now, for people.</param>
    /// <param name="message">One phrase describing the difference.</param>
    public CheckpointMismatch(CheckpointMismatchKind kind, string recorded, string current, string message)
    {
        Kind = kind;
        Recorded = recorded;
        Current = current;
        Message = message;
    }

    /// <summary>What differs.</summary>
    public CheckpointMismatchKind Kind { get; }

    /// <summary>The value in the checkpoint, formatted for people.</summary>
    public string Recorded { get; }

    /// <summary>The value now, formatted for people.</summary>
    public string Current { get; }

    /// <summary>One phrase describing the difference, e.g. "the part size differs (8 MiB in the checkpoint, 16 MiB requested)".</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => Message;
}
