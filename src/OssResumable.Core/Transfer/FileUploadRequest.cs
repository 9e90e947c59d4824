using System;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer;

/// <summary>What <see cref="ResumableUploader.UploadFileAsync"/> uploads, where, and how.</summary>
public sealed class FileUploadRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="filePath">The local file (relative paths are resolved against the current directory now).</param>
    /// <param name="bucket">Destination bucket.</param>
    /// <param name="key">Destination object key.</param>
    public FileUploadRequest(string filePath, string bucket, string key)
    {
        FilePath = filePath ?? throw new ArgumentNullException(nameof(filePath));
        Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
        Key = key ?? throw new ArgumentNullException(nameof(key));
    }

    /// <summary>The local file.</summary>
    public string FilePath { get; }

    /// <summary>Destination bucket.</summary>
    public string Bucket { get; }

    /// <summary>Destination object key.</summary>
    public string Key { get; }

    /// <summary>
    /// Part size in bytes (102,400 to 5 GiB), or null to choose it automatically (8 MiB, grown so the
    /// file needs at most 10,000 parts). An explicit size that would need more than 10,000 parts is
    /// refused before anything is sent.
    /// </summary>
    public long? PartSize { get; set; }

    /// <summary>Files of at least this many bytes are uploaded in parts; smaller ones in one PutObject. Default 16 MiB.</summary>
    public long MultipartThreshold { get; set; } = UploadLimits.DefaultMultipartThreshold;

    /// <summary>Parts of this file sent in parallel, 1 to 256 (default 4). The uploader's <see cref="TransferThrottle"/> caps all files together.</summary>
    public int Threads { get; set; } = UploadLimits.DefaultThreads;

    /// <summary>Absolute directory for the checkpoint, or null for <see cref="UploaderSettings.CheckpointDirectory"/> (by default the per-user state directory).</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>
    /// When true, no checkpoint is read or written (and no upload lock is taken); a failed or
    /// cancelled multipart upload is aborted instead of being kept for a later resume.
    /// </summary>
    public bool DisableCheckpoint { get; set; }

    /// <summary>
    /// When true, the file is not uploaded if the object already holds the same bytes: HeadObject reports the
    /// file's length and CRC-64 (the local file is hashed to compare). The result then has
    /// <see cref="UploadResult.Skipped"/> set and nothing is written, so the object keeps its metadata and
    /// version. A file with a checkpoint of an unfinished upload is resumed instead of compared.
    /// </summary>
    public bool SkipUnchanged { get; set; }

    /// <summary>Content type, metadata, storage class, ACL, server-side encryption, forbid-overwrite..., or null for defaults.</summary>
    public ObjectWriteOptions? WriteOptions { get; set; }
}
