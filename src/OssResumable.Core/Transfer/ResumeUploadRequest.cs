using System;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer;

/// <summary>
/// An existing multipart upload to finish without a checkpoint (<see cref="ResumableUploader.ResumeUploadAsync"/>):
/// the parts OSS lists are verified against the local file by CRC-64, the rest are sent.
/// </summary>
public sealed class ResumeUploadRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="bucket">Bucket of the upload.</param>
    /// <param name="key">Object key of the upload.</param>
    /// <param name="uploadId">The multipart upload ID (e.g. from ListMultipartUploads).</param>
    /// <param name="filePath">The local file the upload was started from.</param>
    public ResumeUploadRequest(string bucket, string key, string uploadId, string filePath)
    {
        Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
        Key = key ?? throw new ArgumentNullException(nameof(key));
        UploadId = uploadId ?? throw new ArgumentNullException(nameof(uploadId));
        FilePath = filePath ?? throw new ArgumentNullException(nameof(filePath));
    }

    /// <summary>Bucket of the upload.</summary>
    public string Bucket { get; }

    /// <summary>Object key of the upload.</summary>
    public string Key { get; }

    /// <summary>The multipart upload ID.</summary>
    public string UploadId { get; }

    /// <summary>The local file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// The part size the upload was started with, or null to infer it from the stored parts (the
    /// largest stored part; automatic when none is stored). Parts that do not fit it are sent again.
    /// </summary>
    public long? PartSize { get; set; }

    /// <summary>Parts verified or sent in parallel, 1 to 256 (default 4).</summary>
    public int Threads { get; set; } = UploadLimits.DefaultThreads;

    /// <summary>
    /// Options applied at CompleteMultipartUpload: <see cref="ObjectWriteOptions.ObjectAcl"/> and
    /// <see cref="ObjectWriteOptions.ForbidOverwrite"/>. The other object properties were fixed when
    /// the upload was initiated and cannot be changed now.
    /// </summary>
    public ObjectWriteOptions? WriteOptions { get; set; }
}
