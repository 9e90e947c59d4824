namespace OssResumable.Core.Checkpoints;

/// <summary>Constants of the checkpoint file format (docs/checkpoint-format.md).</summary>
public static class CheckpointFormat
{
    /// <summary>The value of the <c>format</c> member that marks a file as an upload checkpoint.</summary>
    public const string Magic = "OssResumable.UploadCheckpoint";

    /// <summary>The format version this library writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Prefix of the <c>checksum</c> member: SHA-256 over the exact bytes of the <c>data</c> member.</summary>
    public const string ChecksumPrefix = "sha256:";

    /// <summary>Extension of checkpoint files.</summary>
    public const string FileExtension = ".checkpoint.json";

    /// <summary>Extension of the lock file held while an upload runs.</summary>
    public const string LockExtension = ".lock";

    /// <summary>
    /// Extension of the marker written just before InitiateMultipartUpload and removed once the
    /// checkpoint names the new upload; a marker left behind means a run died in between.
    /// </summary>
    public const string InitiatingExtension = ".initiating";

    /// <summary>
    /// Extension of the upload ID record: written right after InitiateMultipartUpload, before the
    /// checkpoint, and deleted with it; it names the upload even when the checkpoint is damaged or lost.
    /// </summary>
    public const string UploadIdRecordExtension = ".upload-id.json";

    /// <summary>The value of the <c>format</c> member of an upload ID record.</summary>
    public const string UploadIdRecordMagic = "OssResumable.UploadIdRecord";

    /// <summary>The upload ID record's format version, written and read.</summary>
    public const int UploadIdRecordVersion = 1;

    /// <summary>Files larger than this cannot be checkpoints (a 10,000-part checkpoint is about 2 MB).</summary>
    public const int MaxFileSize = 64 * 1024 * 1024;
}
