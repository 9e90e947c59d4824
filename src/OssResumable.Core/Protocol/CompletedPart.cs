using System;

namespace OssResumable.Core.Protocol;

/// <summary>A part listed in CompleteMultipartUpload.</summary>
public sealed class CompletedPart
{
    /// <summary>Creates the entry.</summary>
    /// <param name="partNumber">Part number, 1 to 10000.</param>
    /// <param name="eTag">The part's ETag (quoted or not; quotes are added when missing).</param>
    public CompletedPart(int partNumber, string eTag)
    {
        if (string.IsNullOrWhiteSpace(eTag))
        {
            throw new ArgumentException("The ETag of part " + partNumber + " is empty.", nameof(eTag));
        }

        PartNumber = partNumber;
        ETag = eTag;
    }

    /// <summary>Part number.</summary>
    public int PartNumber { get; }

    /// <summary>The part's ETag.</summary>
    public string ETag { get; }
}
