namespace OssResumable.Core.Transfer;

/// <summary>Importance of an <see cref="UploadLogEntry"/>.</summary>
public enum UploadLogLevel
{
    /// <summary>Narration: the plan, resume decisions, retries, the final verification (PowerShell's -Verbose).</summary>
    Verbose = 0,

    /// <summary>Something the user should know about although the upload goes on: a damaged or superseded checkpoint, an aborted upload, a checkpoint that could not be saved.</summary>
    Warning,
}
