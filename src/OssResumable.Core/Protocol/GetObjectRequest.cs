using System;

namespace OssResumable.Core.Protocol;

/// <summary>A GetObject, optionally for a byte range.</summary>
public sealed class GetObjectRequest
{
    /// <summary>Creates the request for the whole object.</summary>
    /// <param name="bucket">Bucket name.</param>
    /// <param name="key">Object key.</param>
    public GetObjectRequest(string bucket, string key)
    {
        Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
        Key = key ?? throw new ArgumentNullException(nameof(key));
    }

    /// <summary>Bucket name.</summary>
    public string Bucket { get; }

    /// <summary>Object key.</summary>
    public string Key { get; }

    /// <summary>First byte of the range, or null for the whole object.</summary>
    public long? RangeStart { get; private set; }

    /// <summary>Last byte of the range (inclusive), or null for "to the end".</summary>
    public long? RangeEnd { get; private set; }

    /// <summary>Restricts the request to bytes <paramref name="start"/> to <paramref name="end"/> inclusive (<c>Range: bytes=start-end</c>).</summary>
    /// <param name="start">First byte.</param>
    /// <param name="end">Last byte (inclusive), or null for the rest of the object.</param>
    /// <returns>This request.</returns>
    public GetObjectRequest WithRange(long start, long? end)
    {
        if (start < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "The range start cannot be negative.");
        }

        if (end is not null && end.Value < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "The range end cannot be before its start.");
        }

        RangeStart = start;
        RangeEnd = end;
        return this;
    }
}
