using System;
using System.Globalization;
using OssResumable.Core.Text;

namespace OssResumable.Core.Planning;

/// <summary>
/// Decides, before a byte is sent, how a file is uploaded: one PutObject below the multipart
/// threshold, otherwise a multipart upload whose part size keeps within OSS's limits
/// (100 KB–5 GiB per part, at most 10,000 parts). Files that cannot fit are refused up front.
/// The algorithm and its defaults are described in docs/upload-planning.md.
/// </summary>
public static class UploadPlanner
{
    /// <summary>Plans an upload with the automatic part size and the default multipart threshold.</summary>
    /// <param name="fileLength">The source file's length in bytes.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileLength"/> is negative.</exception>
    /// <exception cref="UploadPlanningException">The file is larger than OSS can store.</exception>
    public static UploadPlan Plan(long fileLength) => Plan(fileLength, null, UploadLimits.DefaultMultipartThreshold);

    /// <summary>Plans an upload.</summary>
    /// <param name="fileLength">The source file's length in bytes.</param>
    /// <param name="requestedPartSize">
    /// The caller's part size in bytes (100 KB–5 GiB), or <see langword="null"/> to choose one automatically.
    /// An explicit size is never changed: if it needs more than 10,000 parts the plan is refused.
    /// </param>
    /// <param name="multipartThreshold">
    /// Files of at least this many bytes go multipart; smaller ones go in one PutObject. Files of 5 GiB and
    /// more always go multipart (PutObject's limit); empty files always go in one PutObject.
    /// </param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileLength"/> or <paramref name="multipartThreshold"/> is negative.</exception>
    /// <exception cref="UploadPlanningException">
    /// The part size is outside 100 KB–5 GiB, would need more than 10,000 parts, or the file is larger than
    /// OSS can store.
    /// </exception>
    public static UploadPlan Plan(long fileLength, long? requestedPartSize, long multipartThreshold)
    {
        RequireNonNegative(fileLength, nameof(fileLength));
        ValidateThreshold(multipartThreshold);
        if (requestedPartSize.HasValue)
        {
            ValidatePartSize(requestedPartSize.Value, nameof(requestedPartSize));
        }

        RequireStorable(fileLength);

        bool multipart = fileLength > 0
            && (fileLength >= multipartThreshold || fileLength >= UploadLimits.MaxPutObjectSize);
        if (!multipart)
        {
            return new UploadPlan(fileLength, isMultipart: false, partSize: fileLength, partCount: 1, isPartSizeAutomatic: false);
        }

        if (requestedPartSize.HasValue)
        {
            return PlanWithPartSize(fileLength, requestedPartSize.Value, nameof(requestedPartSize));
        }

        long automatic = ChooseAutomaticPartSize(fileLength);
        return new UploadPlan(fileLength, isMultipart: true, automatic, (int)PartCountFor(fileLength, automatic), isPartSizeAutomatic: true);
    }

    /// <summary>
    /// Plans a multipart upload with a fixed part size, whatever the threshold says. Used to resume an
    /// upload whose part size is recorded in a checkpoint.
    /// </summary>
    /// <param name="fileLength">The source file's length in bytes (at least 1).</param>
    /// <param name="partSize">The part size in bytes (100 KB–5 GiB).</param>
    /// <returns>The multipart plan.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileLength"/> is less than 1.</exception>
    /// <exception cref="UploadPlanningException">The part size is invalid or does not fit the file.</exception>
    public static UploadPlan PlanMultipart(long fileLength, long partSize)
    {
        if (fileLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fileLength), fileLength, "A multipart upload needs at least one byte.");
        }

        ValidatePartSize(partSize, nameof(partSize));
        RequireStorable(fileLength);
        return PlanWithPartSize(fileLength, partSize, nameof(partSize));
    }

    /// <summary>
    /// The automatic part size for a file: <see cref="UploadLimits.DefaultPartSize"/>, or for files that
    /// would need more than 10,000 such parts, the smallest multiple of 1 MiB that keeps the count within
    /// 10,000.
    /// </summary>
    /// <param name="fileLength">The file's length in bytes (0 to <see cref="UploadLimits.MaxObjectSize"/>).</param>
    /// <returns>The part size in bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileLength"/> is negative.</exception>
    /// <exception cref="UploadPlanningException">The file is larger than OSS can store.</exception>
    public static long ChooseAutomaticPartSize(long fileLength)
    {
        RequireNonNegative(fileLength, nameof(fileLength));
        RequireStorable(fileLength);
        long needed = CeilingDivide(fileLength, UploadLimits.MaxPartCount);
        long aligned = CeilingDivide(needed, UploadLimits.AutomaticPartSizeAlignment) * UploadLimits.AutomaticPartSizeAlignment;

        // MaxObjectSize / 10,000 is exactly 5 GiB, a multiple of 1 MiB, so the aligned size never
        // exceeds MaxPartSize for a storable file.
        return Math.Max(UploadLimits.DefaultPartSize, aligned);
    }

    /// <summary>
    /// The smallest valid part size (bytes) that uploads the file in at most 10,000 parts:
    /// ceil(length / 10,000), but at least 100 KB.
    /// </summary>
    /// <param name="fileLength">The file's length in bytes (0 to <see cref="UploadLimits.MaxObjectSize"/>).</param>
    /// <returns>The part size in bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileLength"/> is negative.</exception>
    /// <exception cref="UploadPlanningException">The file is larger than OSS can store.</exception>
    public static long SmallestPartSizeFor(long fileLength)
    {
        RequireNonNegative(fileLength, nameof(fileLength));
        RequireStorable(fileLength);
        return Math.Max(UploadLimits.MinPartSize, CeilingDivide(fileLength, UploadLimits.MaxPartCount));
    }

    /// <summary>Checks a multipart threshold: zero or more bytes (zero sends every non-empty file in parts).</summary>
    /// <param name="multipartThreshold">The threshold in bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is negative.</exception>
    public static void ValidateThreshold(long multipartThreshold)
    {
        if (multipartThreshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(multipartThreshold), multipartThreshold, "The multipart threshold cannot be negative.");
        }
    }

    /// <summary>Checks that a part size is within OSS's range of 100 KB (102,400 bytes) to 5 GiB.</summary>
    /// <param name="partSize">The part size in bytes.</param>
    /// <exception cref="UploadPlanningException">The part size is outside the range; the message gives the range.</exception>
    public static void ValidatePartSize(long partSize) => ValidatePartSize(partSize, nameof(partSize));

    private static void ValidatePartSize(long partSize, string parameterName)
    {
        if (partSize < UploadLimits.MinPartSize || partSize > UploadLimits.MaxPartSize)
        {
            string message = string.Format(
                CultureInfo.InvariantCulture,
                "The part size {0} is outside the range OSS accepts: {1} to {2}.",
                ByteSize.Format(partSize),
                ByteSize.Format(UploadLimits.MinPartSize),
                ByteSize.Format(UploadLimits.MaxPartSize));
            throw new UploadPlanningException(UploadPlanningFailure.PartSizeOutOfRange, message, parameterName, null);
        }
    }

    private static UploadPlan PlanWithPartSize(long fileLength, long partSize, string parameterName)
    {
        long count = PartCountFor(fileLength, partSize);
        if (count > UploadLimits.MaxPartCount)
        {
            long smallest = SmallestPartSizeFor(fileLength);
            long roundedUp = CeilingDivide(smallest, UploadLimits.MiB) * UploadLimits.MiB;
            string message = string.Format(
                CultureInfo.InvariantCulture,
                "The part size {0} would split this {1} file into {2:N0} parts, but OSS allows at most {3:N0}. "
                    + "Use a part size of at least {4} bytes (for example {5}), or let the part size be chosen automatically.",
                ByteSize.Format(partSize),
                ByteSize.Format(fileLength),
                count,
                UploadLimits.MaxPartCount,
                smallest.ToString("N0", CultureInfo.InvariantCulture),
                ByteSize.Human(roundedUp));
            throw new UploadPlanningException(UploadPlanningFailure.TooManyParts, message, parameterName, smallest);
        }

        return new UploadPlan(fileLength, isMultipart: true, partSize, (int)count, isPartSizeAutomatic: false);
    }

    private static void RequireStorable(long fileLength)
    {
        if (fileLength > UploadLimits.MaxObjectSize)
        {
            string message = string.Format(
                CultureInfo.InvariantCulture,
                "The file is {0}, larger than the largest object OSS can store: {1:N0} parts of {2} = {3}.",
                ByteSize.Format(fileLength),
                UploadLimits.MaxPartCount,
                ByteSize.Human(UploadLimits.MaxPartSize),
                ByteSize.Format(UploadLimits.MaxObjectSize));
            throw new UploadPlanningException(UploadPlanningFailure.FileTooLarge, message, nameof(fileLength), null);
        }
    }

    private static void RequireNonNegative(long value, string parameterName)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "The value cannot be negative.");
        }
    }

    private static long PartCountFor(long fileLength, long partSize) => CeilingDivide(fileLength, partSize);

    // Written without (a + b - 1) so lengths near long.MaxValue cannot overflow.
    private static long CeilingDivide(long value, long divisor) => (value / divisor) + (value % divisor == 0 ? 0 : 1);
}
