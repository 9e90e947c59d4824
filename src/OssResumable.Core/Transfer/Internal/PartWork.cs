using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// One part still to settle: send it, or — when <see cref="Candidate"/> is set — first check whether
/// the copy OSS already stores matches the local bytes (by CRC-64) and send it only if it does not.
/// </summary>
internal readonly struct PartWork
{
    public PartWork(PartRange range, StoredPart? candidate)
    {
        Range = range;
        Candidate = candidate;
    }

    public PartRange Range { get; }

    public StoredPart? Candidate { get; }
}
