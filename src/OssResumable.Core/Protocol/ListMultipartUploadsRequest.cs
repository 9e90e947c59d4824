using System;

namespace OssResumable.Core.Protocol;

/// <summary>Which in-progress multipart uploads of a bucket to list.</summary>
public sealed class ListMultipartUploadsRequest
{
    private int _pageSize = 1000;

    /// <summary>Creates the request.</summary>
    /// <param name="bucket">Bucket name.</param>
    public ListMultipartUploadsRequest(string bucket)
    {
        Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
    }

    /// <summary>Bucket name.</summary>
    public string Bucket { get; }

    /// <summary>Only uploads whose key starts with this, or null for all.</summary>
    public string? Prefix { get; set; }

    /// <summary>Start after this key (see <see cref="UploadIdMarker"/>), or null.</summary>
    public string? KeyMarker { get; set; }

    /// <summary>With <see cref="KeyMarker"/>: for that key, start after this upload id. Ignored without a key marker.</summary>
    public string? UploadIdMarker { get; set; }

    /// <summary>Uploads per request (1 to 1000, default 1000). Every page is followed regardless.</summary>
    public int PageSize
    {
        get => _pageSize;
        set
        {
            if (value < 1 || value > 1000)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PageSize must be between 1 and 1000.");
            }

            _pageSize = value;
        }
    }
}
