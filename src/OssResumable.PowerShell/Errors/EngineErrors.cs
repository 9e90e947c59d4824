using System;
using OssResumable.Core.Transfer;

namespace OssResumable.PowerShell.Errors;

/// <summary>
/// The upload engine's own exception types (OssResumable.Core.Transfer): what they tell about the
/// upload, how they unwrap to their cause, and the ids of those that are causes in their own right.
/// </summary>
internal static class EngineErrors
{
    /// <summary>The id used for an upload failure whose cause has no more specific id.</summary>
    public const string UploadFailedId = "OssUploadFailed";

    /// <summary>
    /// Records what an engine exception knows (bucket, key, file, upload id, checkpoint) and, for an
    /// <see cref="UploadFailedException"/> with a cause, returns the cause so it can be classified.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <param name="known">Filled with what the exception knows (existing values are kept).</param>
    /// <returns>The inner cause, or null when there is nothing to unwrap.</returns>
    public static Exception? TryUnwrap(Exception exception, ErrorContext known)
    {
        switch (exception)
        {
            case UploadVerificationException verification:
                Record(known, verification.Bucket, verification.Key, verification.FilePath, verification.UploadId, verification.CheckpointPath);
                return null;
            case UploadFailedException failed:
                Record(known, failed.Bucket, failed.Key, failed.FilePath, failed.UploadId, failed.CheckpointPath);
                return failed.InnerException;
            case UploadCanceledException canceled:
                Record(known, canceled.Bucket, canceled.Key, canceled.FilePath, canceled.UploadId, canceled.CheckpointPath);
                return null;
            default:
                return null;
        }
    }

    /// <summary>Classifies engine exceptions that are causes in their own right.</summary>
    /// <param name="cause">The cause.</param>
    /// <returns>Id, category and action, or null when this is not one.</returns>
    public static (string Id, PsErrorCategory Category, string? Action)? TryClassify(Exception cause) => cause switch
    {
        UploadVerificationException => ("OssUploadVerificationFailed", PsErrorCategory.InvalidResult, "The object on OSS does not match the file; upload the file again."),
        UploadCanceledException => ("OssUploadCanceled", PsErrorCategory.OperationStopped, null),
        UploadFailedException => (UploadFailedId, PsErrorCategory.InvalidOperation, null),
        _ => null,
    };

    private static void Record(ErrorContext known, string bucket, string key, string? filePath, string? uploadId, string? checkpointPath)
    {
        known.Bucket ??= bucket;
        known.Key ??= key;
        known.LocalPath ??= filePath;
        known.UploadId ??= uploadId;
        known.CheckpointPath ??= checkpointPath;
    }
}
