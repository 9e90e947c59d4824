namespace OssResumable.Core.Checkpoints;

/// <summary>What a <see cref="CheckpointLeftover"/> is.</summary>
public enum CheckpointLeftoverKind
{
    /// <summary>An upload ID record (<c>*.upload-id.json</c>): it names an upload on OSS that no checkpoint does any more.</summary>
    UploadIdRecord,

    /// <summary>An initiation marker (<c>*.initiating</c>): a run stopped while it started an upload, which may exist on OSS under no name.</summary>
    InitiatingMarker,

    /// <summary>A lock file (<c>*.lock</c>) with nothing else: left by a run that was killed, or held this moment by a run that is starting.</summary>
    Lock,
}
