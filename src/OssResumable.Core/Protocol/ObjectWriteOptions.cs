using System;
using System.Collections.Generic;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Protocol;

/// <summary>
/// Properties of the object being written, sent with PutObject and InitiateMultipartUpload. For a
/// multipart upload, <see cref="ObjectAcl"/> is applied at CompleteMultipartUpload (OSS documents
/// the ACL header only there; pass it on <see cref="CompleteMultipartUploadRequest.ObjectAcl"/>),
/// and <see cref="ForbidOverwrite"/> is sent at both Initiate and Complete.
/// </summary>
public sealed class ObjectWriteOptions
{
    /// <summary>Content-Type of the object; <c>application/octet-stream</c> when null.</summary>
    public string? ContentType { get; set; }

    /// <summary>
    /// User metadata, sent as <c>x-oss-meta-&lt;name&gt;</c>. Names: letters, digits and <c>-</c>
    /// (OSS stores them lower-case); values: printable ASCII.
    /// </summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Storage class (<c>Standard</c>, <c>IA</c>, <c>Archive</c>, <c>ColdArchive</c>, <c>DeepColdArchive</c>), or null for the bucket default.</summary>
    public string? StorageClass { get; set; }

    /// <summary>Object ACL (<c>private</c>, <c>public-read</c>, <c>public-read-write</c>, <c>default</c>), or null.</summary>
    public string? ObjectAcl { get; set; }

    /// <summary>Server-side encryption (<c>AES256</c>, <c>KMS</c>, <c>SM4</c>), or null.</summary>
    public string? ServerSideEncryption { get; set; }

    /// <summary>KMS key id for <c>KMS</c> server-side encryption, or null.</summary>
    public string? ServerSideEncryptionKeyId { get; set; }

    /// <summary>When true, the write fails with 409 <c>FileAlreadyExists</c> if the key already exists.</summary>
    public bool ForbidOverwrite { get; set; }

    /// <summary>Cache-Control stored with the object, or null.</summary>
    public string? CacheControl { get; set; }

    /// <summary>Content-Disposition stored with the object, or null.</summary>
    public string? ContentDisposition { get; set; }

    /// <summary>Content-Encoding stored with the object, or null.</summary>
    public string? ContentEncoding { get; set; }

    /// <summary>Expires stored with the object, or null.</summary>
    public DateTimeOffset? Expires { get; set; }

    /// <summary>Object tags, sent URL-encoded in <c>x-oss-tagging</c>.</summary>
    public IDictionary<string, string> Tagging { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Checks the options as they would be sent (metadata names of letters, digits and '-', non-empty tag
    /// keys, printable ASCII values), so that a caller can refuse them before anything is sent. The client
    /// and the upload engine apply the same check.
    /// </summary>
    /// <exception cref="ArgumentException">An option cannot be sent; the message names it (values are not secret).</exception>
    public void Validate() => _ = ObjectWriteHeaders.ToHeaders(this, includeAcl: true);
}
