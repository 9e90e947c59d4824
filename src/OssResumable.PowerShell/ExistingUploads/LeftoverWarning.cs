using System.Globalization;
using OssResumable.Core.Checkpoints;
using OssResumable.PowerShell.Uploads;

namespace OssResumable.PowerShell.ExistingUploads;

/// <summary>
/// Get-OssUploadCheckpoint's words for a file of the checkpoint directory whose checkpoint is gone
/// (<see cref="CheckpointLeftover"/>): what it is, what it may have left on OSS, and what settles it.
/// A warning, not an object: it cannot be resumed as a checkpoint, but a nightly log must show it.
/// </summary>
internal static class LeftoverWarning
{
    /// <summary>The warning text.</summary>
    /// <param name="leftover">The file.</param>
    /// <returns>The text.</returns>
    public static string For(CheckpointLeftover leftover) => leftover.Kind switch
    {
        CheckpointLeftoverKind.UploadIdRecord when leftover.Record is { } record =>
            "The upload ID record '" + leftover.Path + "' names upload " + record.UploadId + " of '" + record.Identity.SourcePath + "' to "
                + record.Identity.Destination + " (initiated " + Time(record.InitiatedUtc) + ", endpoint " + record.Endpoint + "), but its checkpoint is gone."
                + " The next Send-OssFile of that file to that object aborts the upload and removes the record. Now, finish it with "
                + new ResumeCommandText().WithConnection("Endpoint", record.Endpoint).FromUploadId(record.Bucket, record.Key, record.UploadId, record.Identity.SourcePath)
                + ", or abort it with Stop-OssUpload -Bucket " + ResumeCommandText.Quote(record.Bucket) + " -Key " + ResumeCommandText.Quote(record.Key)
                + " -UploadId " + ResumeCommandText.Quote(record.UploadId) + " -Endpoint " + ResumeCommandText.Quote(record.Endpoint) + "; either removes the record.",
        CheckpointLeftoverKind.UploadIdRecord =>
            "The upload ID record '" + leftover.Path + "' cannot be read and its checkpoint is gone, so it proves no upload: " + leftover.Problem
                + " The next Send-OssFile of that file to that object settles it (it names the object's uploads in progress); or delete the file.",
        CheckpointLeftoverKind.InitiatingMarker =>
            "The marker '" + leftover.Path + "' says a run stopped at " + Time(leftover.InitiatingUtc ?? leftover.LastWriteTimeUtc)
                + " while it started a multipart upload (of a file whose name begins like the marker's), before any checkpoint named it."
                + " The next Send-OssFile of that file to the same object aborts the upload it may have left and removes the marker;"
                + " Get-OssMultipartUpload lists the uploads in progress with their initiation times.",
        _ =>
            "The lock file '" + leftover.Path + "' has no checkpoint: a run of that file was killed (harmless: the next run of that file reuses"
                + " and removes it), or one is starting this moment.",
    };

    private static string Time(System.DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
