using System.Collections.Generic;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>One page of ListParts.</summary>
internal sealed class ListPartsPage
{
    public ListPartsPage(IReadOnlyList<ListedPart> parts, bool isTruncated, int nextPartNumberMarker)
    {
        Parts = parts;
        IsTruncated = isTruncated;
        NextPartNumberMarker = nextPartNumberMarker;
    }

    public IReadOnlyList<ListedPart> Parts { get; }

    public bool IsTruncated { get; }

    public int NextPartNumberMarker { get; }
}
