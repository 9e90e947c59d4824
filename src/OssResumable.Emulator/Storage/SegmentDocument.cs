namespace OssResumable.Emulator.Storage;

/// <summary>One blob file holding a contiguous piece of an object.</summary>
internal sealed class SegmentDocument
{
    public string Blob { get; set; } = string.Empty;

    public long Length { get; set; }
}
