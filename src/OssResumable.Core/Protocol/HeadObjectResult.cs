using System;
using System.Collections.Generic;

namespace OssResumable.Core.Protocol;

/// <summary>An object's properties, from HeadObject (or the headers of GetObject).</summary>
public sealed class HeadObjectResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="contentLength">Object size in bytes.</param>
    /// <param name="eTag">ETag (quoted).</param>
    /// <param name="crc64">CRC-64 of the object (<c>x-oss-hash-crc64ecma</c>), or null.</param>
    /// <param name="objectType"><c>Normal</c>, <c>Multipart</c>, <c>Appendable</c> or <c>Symlink</c>, or null.</param>
    /// <param name="lastModified">Last-Modified, or null.</param>
    /// <param name="contentType">Content-Type, or null.</param>
    /// <param name="metadata">User metadata (names without the <c>x-oss-meta-</c> prefix, lower-case).</param>
    /// <param name="storageClass">Storage class, or null.</param>
    /// <param name="versionId">Version id, or null.</param>
    /// <param name="contentMd5">Content-MD5 (known for simple uploads only), or null.</param>
    /// <param name="serverSideEncryption">Server-side encryption algorithm, or null.</param>
    /// <param name="requestId">Request id, or null.</param>
    public HeadObjectResult(
        long contentLength,
        string? eTag,
        ulong? crc64,
        string? objectType,
        DateTimeOffset? lastModified,
        string? contentType,
        IReadOnlyDictionary<string, string> metadata,
        string? storageClass,
        string? versionId,
        string? contentMd5,
        string? serverSideEncryption,
        string? requestId)
    {
        ContentLength = contentLength;
        ETag = eTag;
        Crc64 = crc64;
        ObjectType = objectType;
        LastModified = lastModified;
        ContentType = contentType;
        Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        StorageClass = storageClass;
        VersionId = versionId;
        ContentMd5 = contentMd5;
        ServerSideEncryption = serverSideEncryption;
        RequestId = requestId;
    }

    /// <summary>Object size in bytes.</summary>
    public long ContentLength { get; }

    /// <summary>ETag (quoted), or null.</summary>
    public string? ETag { get; }

    /// <summary>CRC-64 of the object, or null when OSS did not report it.</summary>
    public ulong? Crc64 { get; }

    /// <summary><c>Normal</c> (PutObject), <c>Multipart</c>, <c>Appendable</c> or <c>Symlink</c>, or null.</summary>
    public string? ObjectType { get; }

    /// <summary>Last-Modified, or null.</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>Content-Type, or null.</summary>
    public string? ContentType { get; }

    /// <summary>User metadata (names without the <c>x-oss-meta-</c> prefix, lower-case).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Storage class, or null.</summary>
    public string? StorageClass { get; }

    /// <summary>Version id, or null.</summary>
    public string? VersionId { get; }

    /// <summary>Content-MD5 (base64), known for simple uploads only, or null.</summary>
    public string? ContentMd5 { get; }

    /// <summary>Server-side encryption algorithm, or null.</summary>
    public string? ServerSideEncryption { get; }

    /// <summary>Request id, or null.</summary>
    public string? RequestId { get; }
}
