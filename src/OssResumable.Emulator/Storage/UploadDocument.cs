using System;

namespace OssResumable.Emulator.Storage;

/// <summary>The persisted description of a multipart upload (uploads/&lt;id&gt;/upload.json).</summary>
internal sealed class UploadDocument
{
    public string UploadId { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    public DateTimeOffset Initiated { get; set; }

    public bool ForbidOverwrite { get; set; }

    public ObjectAttributes Attributes { get; set; } = new();
}
