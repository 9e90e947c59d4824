using System;

namespace OssResumable.Core.Transfer;

/// <summary>The outcome of a successful, verified upload.</summary>
public sealed class UploadResult
{
    /// <summary>Creates the result (only the engine does, in one place: <c>UploadContext.Result</c>).</summary>
    /// <param name="bucket">Bucket.</param>
    /// <param name="key">Object key.</param>
    /// <param name="filePath">Source file (absolute path).</param>
    /// <param name="size">Object size in bytes.</param>
    /// <param name="uploadId">Multipart upload ID, or null for a single PUT.</param>
    /// <param name="eTag">The object's ETag as OSS returned it.</param>
    /// <param name="crc64">CRC-64 of the object, computed locally and confirmed by OSS.</param>
    /// <param name="partCount">Parts (1 for a single PUT).</param>
    /// <param name="partSize">Part size in bytes (the file size for a single PUT).</param>
    /// <param name="bytesSent">Bytes of parts (or the object) acknowledged by OSS in this run; failed attempts are not counted.</param>
    /// <param name="bytesSkipped">Bytes of parts that were already stored and were not sent again.</param>
    /// <param name="retries">Retried requests of this upload.</param>
    /// <param name="duration">Time from the call to its return.</param>
    /// <param name="resumed">True when an existing multipart upload was continued.</param>
    /// <param name="checkpointPath">The checkpoint file used (deleted now), or null.</param>
    /// <param name="versionId">Version ID in a versioned bucket, or null.</param>
    internal UploadResult(
        string bucket,
        string key,
        string filePath,
        long size,
        string? uploadId,
        string eTag,
        ulong crc64,
        int partCount,
        long partSize,
        long bytesSent,
        long bytesSkipped,
        int retries,
        TimeSpan duration,
        bool resumed,
        string? checkpointPath,
        string? versionId)
    {
        Bucket = bucket;
        Key = key;
        FilePath = filePath;
        Size = size;
        UploadId = uploadId;
        ETag = eTag;
        Crc64 = crc64;
        PartCount = partCount;
        PartSize = partSize;
        BytesSent = bytesSent;
        BytesSkipped = bytesSkipped;
        Retries = retries;
        Duration = duration;
        Resumed = resumed;
        CheckpointPath = checkpointPath;
        VersionId = versionId;
    }

    /// <summary>
    /// True when nothing was sent because the object already held the file's bytes
    /// (<see cref="FileUploadRequest.SkipUnchanged"/>); <see cref="BytesSkipped"/> is then the file's length.
    /// </summary>
    public bool Skipped { get; internal set; }

    /// <summary>Bucket.</summary>
    public string Bucket { get; }

    /// <summary>Object key.</summary>
    public string Key { get; }

    /// <summary>Source file (absolute path).</summary>
    public string FilePath { get; }

    /// <summary>Object size in bytes.</summary>
    public long Size { get; }

    /// <summary>Multipart upload ID, or null for a single PUT.</summary>
    public string? UploadId { get; }

    /// <summary>The object's ETag as OSS returned it (quoted).</summary>
    public string ETag { get; }

    /// <summary>CRC-64/XZ of the object (<c>x-oss-hash-crc64ecma</c>), computed locally and confirmed by OSS.</summary>
    public ulong Crc64 { get; }

    /// <summary>Parts (1 for a single PUT).</summary>
    public int PartCount { get; }

    /// <summary>Part size in bytes (the file size for a single PUT).</summary>
    public long PartSize { get; }

    /// <summary>Bytes of parts (or the object) acknowledged by OSS in this run; bytes of failed attempts are not counted.</summary>
    public long BytesSent { get; }

    /// <summary>Bytes of parts already stored by an earlier run, verified and not sent again.</summary>
    public long BytesSkipped { get; }

    /// <summary>Requests of this upload that were retried after a transient failure.</summary>
    public int Retries { get; }

    /// <summary>Time from the call to its return.</summary>
    public TimeSpan Duration { get; }

    /// <summary>True when an existing multipart upload was continued (from a checkpoint or an upload ID).</summary>
    public bool Resumed { get; }

    /// <summary>The checkpoint file that was used (deleted after the verified Complete), or null.</summary>
    public string? CheckpointPath { get; }

    /// <summary>Version ID in a versioned bucket, or null.</summary>
    public string? VersionId { get; }

    /// <inheritdoc />
    public override string ToString() => string.Format(
        System.Globalization.CultureInfo.InvariantCulture,
        "oss://{0}/{1}: {2} bytes, {3} part(s), CRC-64 {4}{5}",
        Bucket,
        Key,
        Size,
        PartCount,
        Crc64,
        Resumed ? ", resumed" : string.Empty);
}
