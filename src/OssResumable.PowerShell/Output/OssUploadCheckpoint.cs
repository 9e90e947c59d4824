using System;

namespace OssResumable.PowerShell;

/// <summary>
/// A local checkpoint of an unfinished upload: what Get-OssUploadCheckpoint emits. It is an
/// <see cref="OssMultipartUpload"/> that knows its file and checkpoint, so it pipes into Resume-OssUpload
/// (which resumes it from the checkpoint) and Stop-OssUpload (which aborts it and deletes the checkpoint).
/// </summary>
public sealed class OssUploadCheckpoint : OssMultipartUpload
{
    internal OssUploadCheckpoint(string bucket, string key, string uploadId)
        : base(bucket, key, uploadId)
    {
    }

    /// <summary>Parts recorded as stored on OSS.</summary>
    public int PartsDone { get; internal set; }

    /// <summary>Parts in the upload's plan.</summary>
    public int PartCount { get; internal set; }

    /// <summary>Bytes of the parts recorded as stored.</summary>
    public long BytesDone { get; internal set; }

    /// <summary>Length of the local file when the upload began.</summary>
    public long Size { get; internal set; }

    /// <summary>When the checkpoint was last written (local time): the last part recorded.</summary>
    public DateTime LastWriteTime { get; internal set; }

    /// <summary>
    /// Whether OSS still has the upload: null unless -CheckUpload was given; false when it was completed or
    /// aborted elsewhere (the checkpoint is then a leftover: Stop-OssUpload deletes it).
    /// </summary>
    public bool? ExistsOnOss { get; internal set; }
}
