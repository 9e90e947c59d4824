using System;
using System.Collections.Generic;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Checkpoints;

/// <summary>A consistent copy of a checkpoint's changing state, taken for one save.</summary>
internal sealed class CheckpointState
{
    public CheckpointState(long revision, DateTime updatedUtc, IReadOnlyList<StoredPart> parts)
    {
        Revision = revision;
        UpdatedUtc = updatedUtc;
        Parts = parts;
    }

    public long Revision { get; }

    public DateTime UpdatedUtc { get; }

    public IReadOnlyList<StoredPart> Parts { get; }
}
