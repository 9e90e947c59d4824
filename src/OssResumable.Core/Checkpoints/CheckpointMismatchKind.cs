namespace OssResumable.Core.Checkpoints;

/// <summary>One way a checkpoint can disagree with the upload requested now.</summary>
internal enum CheckpointMismatchKind
{
    /// <summary>The checkpoint was made for another source path.</summary>
    SourcePath,

    /// <summary>The source file's size changed.</summary>
    SourceLength,

    /// <summary>The source file's last-write time changed.</summary>
    SourceLastWriteTime,

    /// <summary>The source file's sampled content changed.</summary>
    SourceContent,

    /// <summary>The endpoint differs.</summary>
    Endpoint,

    /// <summary>The bucket differs.</summary>
    Bucket,

    /// <summary>The object key differs.</summary>
    Key,

    /// <summary>The part size differs from the requested one, or is no longer valid for the file.</summary>
    PartSize,

    /// <summary>The requested object headers (content type, storage class, metadata...) differ.</summary>
    ObjectHeaders,
}
