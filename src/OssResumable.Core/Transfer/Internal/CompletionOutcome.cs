namespace OssResumable.Core.Transfer.Internal;

/// <summary>The verified object after CompleteMultipartUpload.</summary>
internal sealed class CompletionOutcome
{
    public CompletionOutcome(string eTag, ulong crc64, string? versionId, bool recoveredByHead)
    {
        ETag = eTag;
        Crc64 = crc64;
        VersionId = versionId;
        RecoveredByHead = recoveredByHead;
    }

    public string ETag { get; }

    public ulong Crc64 { get; }

    public string? VersionId { get; }

    /// <summary>True when Complete's response was lost and the object was accepted after a HEAD.</summary>
    public bool RecoveredByHead { get; }
}
