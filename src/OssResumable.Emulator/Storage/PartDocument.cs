using System;
using System.Text.Json.Serialization;

namespace OssResumable.Emulator.Storage;

/// <summary>The persisted description of an uploaded part (uploads/&lt;id&gt;/part-NNNNN.json).</summary>
internal sealed class PartDocument
{
    public int PartNumber { get; set; }

    public long Size { get; set; }

    /// <summary>Upper-case hex MD5 of the part (the ETag without quotes).</summary>
    public string Md5 { get; set; } = string.Empty;

    public ulong Crc64 { get; set; }

    public DateTimeOffset LastModified { get; set; }

    public string Blob { get; set; } = string.Empty;

    [JsonIgnore]
    public string ETag => "\"" + Md5 + "\"";
}
