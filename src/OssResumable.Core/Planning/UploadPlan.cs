using System;
using System.Collections.Generic;
using System.Globalization;
using OssResumable.Core.Text;

namespace OssResumable.Core.Planning;

/// <summary>
/// How one file will be uploaded: in one PutObject or as a multipart upload of
/// <see cref="PartCount"/> parts of <see cref="PartSize"/> bytes (the last part may be shorter).
/// Created by <see cref="UploadPlanner"/>, which guarantees OSS's limits hold.
/// </summary>
/// <remarks>
/// A single-request plan is described as one "part" covering the whole file (number 1, offset 0,
/// the file's length), so callers can stream it with the same code path as a multipart part.
/// </remarks>
public sealed class UploadPlan
{
    internal UploadPlan(long fileLength, bool isMultipart, long partSize, int partCount, bool isPartSizeAutomatic)
    {
        FileLength = fileLength;
        IsMultipart = isMultipart;
        PartSize = partSize;
        PartCount = partCount;
        IsPartSizeAutomatic = isPartSizeAutomatic;
    }

    /// <summary>The length of the source file in bytes.</summary>
    public long FileLength { get; }

    /// <summary><see langword="true"/> for a multipart upload, <see langword="false"/> for one PutObject.</summary>
    public bool IsMultipart { get; }

    /// <summary>
    /// Bytes per part (every part but the last has exactly this size). For a single PutObject this is
    /// the file length.
    /// </summary>
    public long PartSize { get; }

    /// <summary>Number of parts (1 for a single PutObject, 1–10,000 for a multipart upload).</summary>
    public int PartCount { get; }

    /// <summary>
    /// <see langword="true"/> when the part size was chosen by the planner, <see langword="false"/> when
    /// the caller asked for it (or the file goes in one request).
    /// </summary>
    public bool IsPartSizeAutomatic { get; }

    /// <summary>Length of the last part (equal to <see cref="PartSize"/> when the file divides evenly).</summary>
    public long LastPartLength => GetPart(PartCount).Length;

    /// <summary>All parts in order (computed on demand; no list of 10,000 entries is kept).</summary>
    public IEnumerable<PartRange> Parts
    {
        get
        {
            for (int number = 1; number <= PartCount; number++)
            {
                yield return GetPart(number);
            }
        }
    }

    /// <summary>Returns the byte range of one part.</summary>
    /// <param name="partNumber">The part number, 1 to <see cref="PartCount"/>.</param>
    /// <returns>The part's number, offset and length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partNumber"/> is not in the plan.</exception>
    public PartRange GetPart(int partNumber)
    {
        if (partNumber < 1 || partNumber > PartCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(partNumber),
                partNumber,
                string.Format(CultureInfo.InvariantCulture, "The plan has parts 1 to {0}.", PartCount));
        }

        if (!IsMultipart)
        {
            return new PartRange(1, 0, FileLength);
        }

        long offset = (partNumber - 1) * PartSize;
        long length = Math.Min(PartSize, FileLength - offset);
        return new PartRange(partNumber, offset, length);
    }

    /// <inheritdoc/>
    public override string ToString() => IsMultipart
        ? string.Format(
            CultureInfo.InvariantCulture,
            "multipart upload of {0}: {1} part(s) of {2}{3}",
            ByteSize.Format(FileLength),
            PartCount,
            ByteSize.Format(PartSize),
            IsPartSizeAutomatic ? " (automatic)" : string.Empty)
        : "single PutObject of " + ByteSize.Format(FileLength);
}
