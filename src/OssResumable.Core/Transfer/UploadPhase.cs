namespace OssResumable.Core.Transfer;

/// <summary>What an upload is doing, as reported in <see cref="UploadProgress.Phase"/>.</summary>
public enum UploadPhase
{
    /// <summary>Reading the source file's size and fingerprint and choosing single PUT or multipart and the part size.</summary>
    Planning = 0,

    /// <summary>Loading the checkpoint and reconciling it with the parts OSS has stored (ListParts), or verifying stored parts against the local file.</summary>
    Resuming,

    /// <summary>Sending the object or its parts.</summary>
    Uploading,

    /// <summary>Re-checking the source file and sending CompleteMultipartUpload.</summary>
    Completing,

    /// <summary>Comparing the CRC-64 OSS reports for the object with the one computed locally.</summary>
    Verifying,

    /// <summary>The object is stored and verified.</summary>
    Completed,
}
