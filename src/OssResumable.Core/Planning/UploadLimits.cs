
namespace OssResumable.Core.Planning;

/// <summary>
/// OSS service limits and this module's upload defaults, in one place. The reasoning behind every
/// default is in docs/upload-planning.md; change the document together with a value.
/// </summary>
public static class UploadLimits
{
    /// <summary>One mebibyte (1,048,576 bytes); automatic part sizes are multiples of it.</summary>
    public const long MiB = 1024L * 1024L;

    /// <summary>Smallest part OSS accepts (100 KB = 102,400 bytes); only the last part may be smaller.</summary>
    public const long MinPartSize = 102_400L;

    /// <summary>Largest part OSS accepts (5 GiB = 5,368,709,120 bytes).</summary>
    public const long MaxPartSize = 5L * 1024L * MiB;

    /// <summary>Largest number of parts in one multipart upload (part numbers 1 to 10,000).</summary>
    public const int MaxPartCount = 10_000;

    /// <summary>Largest object a single PutObject may create (5 GiB); larger files must go multipart.</summary>
    public const long MaxPutObjectSize = 5L * 1024L * MiB;

    /// <summary>Largest object a multipart upload can create: 10,000 parts of 5 GiB (about 48.8 TB).</summary>
    public const long MaxObjectSize = MaxPartCount * MaxPartSize;

    /// <summary>
    /// Part size used when the caller does not choose one (8 MiB), grown automatically for files
    /// that would otherwise need more than <see cref="MaxPartCount"/> parts.
    /// </summary>
    public const long DefaultPartSize = 8L * MiB;

    /// <summary>
    /// Files of at least this many bytes (16 MiB, two default parts) are uploaded as multipart
    /// uploads; smaller files go in one PutObject.
    /// </summary>
    public const long DefaultMultipartThreshold = 16L * MiB;

    /// <summary>Automatic part sizes are rounded up to a multiple of this (1 MiB).</summary>
    public const long AutomaticPartSizeAlignment = MiB;

    /// <summary>Parts uploaded in parallel for one file when the caller does not choose (4).</summary>
    public const int DefaultThreads = 4;

    /// <summary>Upper bound for parallel part uploads of one file, and the ceiling of <c>-Threads Auto</c> (256).</summary>
    public const int MaxThreads = 256;
}
