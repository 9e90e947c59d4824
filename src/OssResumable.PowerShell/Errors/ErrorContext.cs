namespace OssResumable.PowerShell.Errors;

/// <summary>What the cmdlet knows about the item that failed; fills the error's target object.</summary>
internal sealed class ErrorContext
{
    /// <summary>Local file, or null.</summary>
    public string? LocalPath { get; set; }

    /// <summary>Bucket, or null.</summary>
    public string? Bucket { get; set; }

    /// <summary>Object key, or null.</summary>
    public string? Key { get; set; }

    /// <summary>Multipart upload id, or null.</summary>
    public string? UploadId { get; set; }

    /// <summary>Checkpoint file, or null.</summary>
    public string? CheckpointPath { get; set; }

    /// <summary>Endpoint, or null.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Region, or null.</summary>
    public string? Region { get; set; }

    /// <summary>A copy, so a mapper can fill in what an exception knows without changing the caller's context.</summary>
    /// <returns>The copy.</returns>
    public ErrorContext Clone() => (ErrorContext)MemberwiseClone();
}
