using System.Collections.Generic;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>One page of ListMultipartUploads.</summary>
internal sealed class ListMultipartUploadsPage
{
    public ListMultipartUploadsPage(IReadOnlyList<MultipartUploadSummary> uploads, bool isTruncated, string? nextKeyMarker, string? nextUploadIdMarker)
    {
        Uploads = uploads;
        IsTruncated = isTruncated;
        NextKeyMarker = nextKeyMarker;
        NextUploadIdMarker = nextUploadIdMarker;
    }

    public IReadOnlyList<MultipartUploadSummary> Uploads { get; }

    public bool IsTruncated { get; }

    public string? NextKeyMarker { get; }

    public string? NextUploadIdMarker { get; }
}
