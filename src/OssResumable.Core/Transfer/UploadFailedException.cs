using System;

namespace OssResumable.Core.Transfer;

/// <summary>
/// An upload failed after it had started talking to OSS. The message says what happened and what
/// to do next; <see cref="Exception.InnerException"/> is the cause (<see cref="Protocol.OssServiceException"/>,
/// <see cref="Protocol.OssTransportException"/>, <see cref="Protocol.OssTlsException"/>, <see cref="Protocol.OssChecksumMismatchException"/>,
/// <see cref="Files.SourceChangedException"/>, another <see cref="System.IO.IOException"/>, a
/// <see cref="Checkpoints.CheckpointException"/>...). When <see cref="CheckpointPath"/> is set, the
/// checkpoint was kept and running the same upload again resumes it; when only <see cref="UploadId"/>
/// is set, the upload can be resumed with <see cref="ResumableUploader.ResumeUploadAsync"/> or aborted.
/// </summary>
public class UploadFailedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public UploadFailedException()
        : this("The upload failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public UploadFailedException(string message)
        : base(message)
    {
        Bucket = string.Empty;
        Key = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UploadFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Bucket = string.Empty;
        Key = string.Empty;
    }

    /// <summary>Creates the exception with the upload's context.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="bucket">Destination bucket.</param>
    /// <param name="key">Destination key.</param>
    /// <param name="filePath">Source file, or null.</param>
    /// <param name="uploadId">Multipart upload ID that is still open, or null.</param>
    /// <param name="checkpointPath">Checkpoint that was kept, or null.</param>
    /// <param name="partNumber">The part that failed, or null.</param>
    public UploadFailedException(string message, Exception? innerException, string bucket, string key, string? filePath, string? uploadId, string? checkpointPath, int? partNumber)
        : base(message, innerException)
    {
        Bucket = bucket ?? string.Empty;
        Key = key ?? string.Empty;
        FilePath = filePath;
        UploadId = uploadId;
        CheckpointPath = checkpointPath;
        PartNumber = partNumber;
    }

    /// <summary>Destination bucket.</summary>
    public string Bucket { get; }

    /// <summary>Destination key.</summary>
    public string Key { get; }

    /// <summary>Source file, or null.</summary>
    public string? FilePath { get; }

    /// <summary>The multipart upload ID that is still open on OSS (resume or abort it), or null when there is none.</summary>
    public string? UploadId { get; }

    /// <summary>The checkpoint that was kept for a resume, or null.</summary>
    public string? CheckpointPath { get; }

    /// <summary>The part whose upload failed, or null.</summary>
    public int? PartNumber { get; }
}
