using System;
using System.Threading;

namespace OssResumable.Core.Transfer;

/// <summary>
/// The caller's cancellation token stopped the upload. Parts in flight were abandoned; when
/// <see cref="CheckpointPath"/> is set the checkpoint was saved and running the same upload again
/// resumes it. With checkpoints off the multipart upload was aborted (<see cref="UploadId"/> is then null
/// unless the abort failed).
/// </summary>
public sealed class UploadCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception with a default message.</summary>
    public UploadCanceledException()
        : this("The upload was cancelled.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public UploadCanceledException(string message)
        : base(message)
    {
        Bucket = string.Empty;
        Key = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UploadCanceledException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Bucket = string.Empty;
        Key = string.Empty;
    }

    /// <summary>Creates the exception with the upload's context.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The <see cref="OperationCanceledException"/> that stopped the work.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <param name="bucket">Destination bucket.</param>
    /// <param name="key">Destination key.</param>
    /// <param name="filePath">Source file.</param>
    /// <param name="uploadId">Multipart upload ID still open on OSS, or null.</param>
    /// <param name="checkpointPath">Checkpoint saved for a resume, or null.</param>
    public UploadCanceledException(string message, Exception? innerException, CancellationToken cancellationToken, string bucket, string key, string? filePath, string? uploadId, string? checkpointPath)
        : base(message, innerException, cancellationToken)
    {
        Bucket = bucket ?? string.Empty;
        Key = key ?? string.Empty;
        FilePath = filePath;
        UploadId = uploadId;
        CheckpointPath = checkpointPath;
    }

    /// <summary>Destination bucket.</summary>
    public string Bucket { get; }

    /// <summary>Destination key.</summary>
    public string Key { get; }

    /// <summary>Source file, or null.</summary>
    public string? FilePath { get; }

    /// <summary>The multipart upload ID still open on OSS, or null.</summary>
    public string? UploadId { get; }

    /// <summary>The checkpoint saved for a resume, or null.</summary>
    public string? CheckpointPath { get; }
}
