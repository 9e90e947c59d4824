using System.Collections.Generic;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>The outcome of <see cref="PartReconciler.Reconcile"/>: what a resumed upload keeps, checks and sends.</summary>
internal sealed class PartReconciliation
{
    public PartReconciliation(
        UploadPlan plan,
        IReadOnlyList<StoredPart> kept,
        IReadOnlyDictionary<int, StoredPart> candidates,
        IReadOnlyList<int> forgotten,
        IReadOnlyList<string> notes)
    {
        Plan = plan;
        Kept = kept;
        Candidates = candidates;
        Forgotten = forgotten;
        Notes = notes;
    }

    public UploadPlan Plan { get; }

    /// <summary>Parts recorded in the checkpoint that OSS lists with the same size, ETag and CRC-64: not sent again.</summary>
    public IReadOnlyList<StoredPart> Kept { get; }

    /// <summary>Parts OSS stores that the checkpoint does not confirm (a crash before the checkpoint was saved): verified against the local bytes, sent only if they differ.</summary>
    public IReadOnlyDictionary<int, StoredPart> Candidates { get; }

    /// <summary>Part numbers recorded in the checkpoint that OSS does not confirm; they must be removed from the checkpoint.</summary>
    public IReadOnlyList<int> Forgotten { get; }

    /// <summary>Why parts were forgotten or ignored, one sentence each.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Every part of the plan not kept, in part-number order, with its candidate if any.</summary>
    public IReadOnlyList<PartWork> BuildWork()
    {
        var kept = new HashSet<int>();
        foreach (StoredPart part in Kept)
        {
            kept.Add(part.PartNumber);
        }

        var work = new List<PartWork>(Plan.PartCount - kept.Count);
        foreach (PartRange range in Plan.Parts)
        {
            if (!kept.Contains(range.PartNumber))
            {
                Candidates.TryGetValue(range.PartNumber, out StoredPart? candidate);
                work.Add(new PartWork(range, candidate));
            }
        }

        return work;
    }
}
