using System;
using System.Threading;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>Builds the public exceptions, with messages that say what happened and what to do next.</summary>
internal static class UploadErrors
{
    public static string NothingLeft => "Nothing was left on OSS.";

    public static string CheckpointKept(string uploadId, string checkpointPath) =>
        "The upload " + uploadId + " and its checkpoint '" + checkpointPath + "' were kept: run the same upload again to resume it, or abort the upload.";

    public static string UploadKept(string uploadId) =>
        "The upload " + uploadId + " was kept on OSS: resume it by its upload ID, or abort it so its parts stop using storage.";

    public static string Aborted(string uploadId) =>
        "The upload " + uploadId + " was aborted, so nothing is left on OSS; run the upload again to start over.";

    public static string AbortFailed(string uploadId, Exception abortError) =>
        "The upload " + uploadId + " could not be aborted (" + abortError.Message.TrimEnd('.')
            + "): abort it yourself, or its parts keep using storage.";

    /// <summary>
    /// True when OSS says the upload no longer exists while it is being finished: NoSuchUpload on a part,
    /// or at Complete without a matching object (<see cref="UploadVanishedException"/>).
    /// </summary>
    public static bool IsVanished(Exception ex) =>
        ex is UploadVanishedException or PartFailedException { InnerException: Protocol.OssServiceException { IsNoSuchUpload: true } };

    public static UploadFailedException Failed(UploadContext context, Exception cause, string? uploadId, string? checkpointPath, string nextStep)
    {
        int? partNumber = null;
        if (cause is PartFailedException partFailure)
        {
            partNumber = partFailure.PartNumber;
            cause = partFailure.InnerException!;
        }

        string where = partNumber is int n ? " at part " + n.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        string message = "Uploading '" + context.FilePath + "' to " + context.Destination + " failed" + where + ": " + EndSentence(cause.Message) + " " + nextStep;
        return new UploadFailedException(message, cause, context.Bucket, context.Key, context.FilePath, uploadId, checkpointPath, partNumber);
    }

    public static UploadCanceledException Canceled(UploadContext context, Exception cause, CancellationToken token, string? uploadId, string? checkpointPath, string nextStep)
    {
        string message = "Uploading '" + context.FilePath + "' to " + context.Destination + " was cancelled. " + nextStep;
        return new UploadCanceledException(message, cause, token, context.Bucket, context.Key, context.FilePath, uploadId, checkpointPath);
    }

    private static string EndSentence(string text)
    {
        text = text.Trim();
        return text.Length == 0 || text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".";
    }
}
