using System;
using System.Collections.Generic;

namespace OssResumable.Emulator.Storage;

/// <summary>The persisted description of an object (objects/&lt;sha256(key)&gt;.json).</summary>
internal sealed class ObjectDocument
{
    public string Key { get; set; } = string.Empty;

    public long Size { get; set; }

    public string ETag { get; set; } = string.Empty;

    public string? ContentMd5 { get; set; }

    public ulong Crc64 { get; set; }

    public string ObjectType { get; set; } = "Normal";

    public DateTimeOffset LastModified { get; set; }

    public int PartCount { get; set; }

    public string? UploadId { get; set; }

    public ObjectAttributes Attributes { get; set; } = new();

    public List<SegmentDocument> Segments { get; set; } = new();
}
