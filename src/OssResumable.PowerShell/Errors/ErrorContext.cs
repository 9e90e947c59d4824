
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

    /// <summary>Signature version (1 or 4), or null when unknown.</summary>
    public int? SignatureVersion { get; set; }

    /// <summary>True when path-style addressing was forced, or null when unknown.</summary>
    public bool? PathStyle { get; set; }

    /// <summary>Records how the upload is reached (endpoint, region, signing, addressing), so its target object can be piped onward.</summary>
    /// <param name="connection">The resolved connection.</param>
    /// <returns>This context.</returns>
    public ErrorContext WithConnection(Configuration.ResolvedConnection connection)
    {
        Endpoint = connection.EndpointText;
        Region = connection.Options.Region;
        SignatureVersion = connection.SignatureVersionNumber;
        PathStyle = connection.ForcedPathStyle;
        return this;
    }

    /// <summary>Records what a piped object says about how its upload is reached.</summary>
    /// <param name="upload">The object.</param>
    /// <returns>This context.</returns>
    public ErrorContext WithConnectionOf(OssMultipartUpload upload)
    {
        Endpoint = upload.Endpoint;
        Region = upload.Region;
        SignatureVersion = upload.SignatureVersion;
        PathStyle = upload.PathStyle;
        return this;
    }

    /// <summary>A copy, so a mapper can fill in what an exception knows without changing the caller's context.</summary>
    /// <returns>The copy.</returns>
    public ErrorContext Clone() => (ErrorContext)MemberwiseClone();
}
