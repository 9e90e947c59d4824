using System.Collections.Generic;

namespace OssResumable.Emulator.Storage;

/// <summary>Metadata given at PutObject / InitiateMultipartUpload and returned by HEAD/GET.</summary>
internal sealed class ObjectAttributes
{
    public string ContentType { get; set; } = "application/octet-stream";

    public string StorageClass { get; set; } = "Standard";

    public string Acl { get; set; } = "default";

    /// <summary>Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires (canonical names).</summary>
    public Dictionary<string, string> StandardHeaders { get; set; } = new();

    /// <summary>User metadata by lower-case full header name (<c>x-oss-meta-...</c>).</summary>
    public Dictionary<string, string> UserMetadata { get; set; } = new();

    /// <summary>Server-side encryption headers by lower-case name, echoed on responses.</summary>
    public Dictionary<string, string> Encryption { get; set; } = new();

    /// <summary>The <c>x-oss-tagging</c> value, or null.</summary>
    public string? Tagging { get; set; }

    /// <summary>A copy with another ACL (the original stays untouched if the caller fails later).</summary>
    public ObjectAttributes WithAcl(string acl) => new()
    {
        ContentType = ContentType,
        StorageClass = StorageClass,
        Acl = acl,
        StandardHeaders = new Dictionary<string, string>(StandardHeaders),
        UserMetadata = new Dictionary<string, string>(UserMetadata),
        Encryption = new Dictionary<string, string>(Encryption),
        Tagging = Tagging,
    };
}
