using System;
using System.Collections.Generic;
using System.Linq;

namespace OssResumable.Core.Checkpoints;

/// <summary>Whether a checkpoint can be resumed now, and if not, every reason why.</summary>
internal sealed class CheckpointValidationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="mismatches">Every difference found (empty when the checkpoint is usable).</param>
    public CheckpointValidationResult(IReadOnlyList<CheckpointMismatch> mismatches)
    {
        Mismatches = mismatches ?? throw new ArgumentNullException(nameof(mismatches));
    }

    /// <summary><see langword="true"/> when nothing differs and the upload can be resumed.</summary>
    public bool IsUsable => Mismatches.Count == 0;

    /// <summary>Every difference found.</summary>
    public IReadOnlyList<CheckpointMismatch> Mismatches { get; }

    /// <summary>Whether a given kind of difference was found.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="true"/> if it was.</returns>
    public bool Has(CheckpointMismatchKind kind) => Mismatches.Any(m => m.Kind == kind);

    /// <summary>One sentence for people: "The checkpoint can be resumed." or why it cannot.</summary>
    /// <returns>The sentence.</returns>
    public string Describe() => IsUsable
        ? "The checkpoint can be resumed."
        : "The checkpoint cannot be resumed: " + string.Join("; ", Mismatches.Select(m => m.Message)) + ".";

    /// <inheritdoc/>
    public override string ToString() => Describe();
}
