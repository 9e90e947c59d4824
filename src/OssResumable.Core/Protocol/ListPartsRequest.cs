using System;

namespace OssResumable.Core.Protocol;

/// <summary>Which parts of a multipart upload to list.</summary>
public sealed class ListPartsRequest
{
    private int _pageSize = 1000;

    /// <summary>Creates the request.</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    /// <param name="uploadId">Upload id.</param>
    public ListPartsRequest(string bucket, string key, string uploadId)
    {
        Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
        Key = key ?? throw new ArgumentNullException(nameof(key));
        UploadId = uploadId ?? throw new ArgumentNullException(nameof(uploadId));
    }

    /// <summary>Bucket name.</summary>
    public string Bucket { get; }

    /// <summary>Object key.</summary>
    public string Key { get; }

    /// <summary>Upload id.</summary>
    public string UploadId { get; }

    /// <summary>Parts per request (1 to 1000, default 1000). Every page is followed regardless.</summary>
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
