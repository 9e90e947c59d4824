using System;
using System.Collections.Generic;

namespace OssResumable.Emulator;

/// <summary>A stored object, as seen by tests through <see cref="OssEmulator"/> inspection methods.</summary>
public sealed class EmulatorObjectInfo
{
    internal EmulatorObjectInfo(
        string bucket,
        string key,
        long size,
        string eTag,
        ulong crc64,
        string objectType,
        string contentType,
        string storageClass,
        string acl,
        DateTimeOffset lastModified,
        string? contentMd5,
        int partCount,
        IReadOnlyDictionary<string, string> userMetadata)
    {
        Bucket = bucket;
        Key = key;
        Size = size;
        ETag = eTag;
        Crc64 = crc64;
        ObjectType = objectType;
        ContentType = contentType;
        StorageClass = storageClass;
        Acl = acl;
        LastModified = lastModified;
        ContentMd5 = contentMd5;
        PartCount = partCount;
        UserMetadata = userMetadata;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; }

    /// <summary>The ETag as OSS returns it (quoted, upper-case hex, <c>-N</c> suffix for multipart objects).</summary>
    public string ETag { get; }

    /// <summary>CRC-64/XZ of the content (the <c>x-oss-hash-crc64ecma</c> value).</summary>
    public ulong Crc64 { get; }

    /// <summary><c>Normal</c> (PutObject) or <c>Multipart</c> (CompleteMultipartUpload).</summary>
    public string ObjectType { get; }

    /// <summary>The stored Content-Type.</summary>
    public string ContentType { get; }

    /// <summary>The storage class (<c>Standard</c>, <c>IA</c>, ...).</summary>
    public string StorageClass { get; }

    /// <summary>The object ACL (<c>default</c>, <c>private</c>, <c>public-read</c>, <c>public-read-write</c>).</summary>
    public string Acl { get; }

    /// <summary>Last-modified time (whole seconds, emulator clock).</summary>
    public DateTimeOffset LastModified { get; }

    /// <summary>Base64 MD5 of the content for Normal objects, null for Multipart ones.</summary>
    public string? ContentMd5 { get; }

    /// <summary>Number of parts for Multipart objects, 0 for Normal ones.</summary>
    public int PartCount { get; }

    /// <summary>User metadata, names lower-case without the <c>x-oss-meta-</c> prefix.</summary>
    public IReadOnlyDictionary<string, string> UserMetadata { get; }
}
