using System;
using System.Collections.Generic;

namespace OssResumable.Core.Checkpoints;

/// <summary>A consistent copy of a checkpoint's changing state, taken for one save.</summary>
internal sealed class CheckpointState
{
    public CheckpointState(long revision, DateTime updatedUtc, IReadOnlyList<CheckpointPart> parts)
    {
        Revision = revision;
        UpdatedUtc = updatedUtc;
        Parts = parts;
    }

    public long Revision { get; }

    public DateTime UpdatedUtc { get; }

    public IReadOnlyList<CheckpointPart> Parts { get; }
}
