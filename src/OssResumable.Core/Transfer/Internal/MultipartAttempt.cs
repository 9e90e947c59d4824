using System.Collections.Generic;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>One multipart upload a run is about to finish: the parts already confirmed and the parts still to settle.</summary>
internal sealed class MultipartAttempt
{
    public MultipartAttempt(string uploadId, PartSet parts, IReadOnlyList<PartWork> work, bool resumed)
    {
        UploadId = uploadId;
        Parts = parts;
        Work = work;
        Resumed = resumed;
    }

    public string UploadId { get; }

    /// <summary>Parts OSS has confirmed so far; the runner adds the rest.</summary>
    public PartSet Parts { get; }

    /// <summary>Parts to send, or to verify against the local bytes first.</summary>
    public IReadOnlyList<PartWork> Work { get; }

    /// <summary>True when an upload of an earlier run is continued (it may vanish meanwhile; a new one is then started once).</summary>
    public bool Resumed { get; }
}
