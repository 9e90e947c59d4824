using System;

namespace OssResumable.Core.Transfer;

/// <summary>
/// A message about one upload, delivered to <see cref="UploaderSettings.Log"/>. Messages never
/// contain credentials; they name files, buckets, keys, upload IDs and checkpoint paths.
/// </summary>
public sealed class UploadLogEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="level">Importance.</param>
    /// <param name="message">The message, a complete sentence.</param>
    /// <param name="bucket">Destination bucket.</param>
    /// <param name="key">Destination key.</param>
    /// <param name="filePath">Source file, or null.</param>
    /// <param name="uploadId">Multipart upload ID, or null when none is known yet.</param>
    /// <param name="timestampUtc">When the entry was written (UTC).</param>
    public UploadLogEntry(UploadLogLevel level, string message, string bucket, string key, string? filePath, string? uploadId, DateTime timestampUtc)
    {
        Level = level;
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Bucket = bucket;
        Key = key;
        FilePath = filePath;
        UploadId = uploadId;
        TimestampUtc = timestampUtc;
    }

    /// <summary>Importance.</summary>
    public UploadLogLevel Level { get; }

    /// <summary>The message.</summary>
    public string Message { get; }

    /// <summary>Destination bucket.</summary>
    public string Bucket { get; }

    /// <summary>Destination key.</summary>
    public string Key { get; }

    /// <summary>Source file, or null.</summary>
    public string? FilePath { get; }

    /// <summary>Multipart upload ID, or null.</summary>
    public string? UploadId { get; }

    /// <summary>When the entry was written (UTC).</summary>
    public DateTime TimestampUtc { get; }

    /// <inheritdoc />
    public override string ToString() => Level + ": " + Message;
}
