namespace OssResumable.Core.Checkpoints;

/// <summary>Why a checkpoint could not be loaded, saved or locked.</summary>
public enum CheckpointFailureReason
{
    /// <summary>There is no checkpoint for this upload.</summary>
    NotFound,

    /// <summary>The checkpoint file exists but could not be read (permissions, I/O error).</summary>
    Unreadable,

    /// <summary>The file is empty, truncated, too large or not valid JSON.</summary>
    Corrupt,

    /// <summary>The file is JSON but not an OssResumable upload checkpoint (wrong or missing format marker).</summary>
    NotACheckpoint,

    /// <summary>The checkpoint was written in a format version this library does not read (usually a newer one).</summary>
    UnsupportedVersion,

    /// <summary>The content does not match its checksum: it was damaged or edited.</summary>
    ChecksumMismatch,

    /// <summary>The checksum matches but a field is missing, has the wrong type or contradicts another.</summary>
    InvalidContent,

    /// <summary>Another process (or another upload in this process) holds the lock for this upload.</summary>
    Locked,

    /// <summary>The checkpoint could not be written.</summary>
    WriteFailed,
}
