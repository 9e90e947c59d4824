namespace OssResumable.Core.Protocol;

/// <summary>The outcome of an UploadPart.</summary>
public sealed class UploadPartResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="partNumber">Part number.</param>
    /// <param name="eTag">ETag as returned (quoted); needed for Complete.</param>
    /// <param name="size">Bytes in the part.</param>
    /// <param name="crc64">CRC-64 of the part (matched OSS's value when OSS reported one).</param>
    public UploadPartResult(int partNumber, string eTag, long size, ulong crc64)
    {
        PartNumber = partNumber;
        ETag = eTag;
        Size = size;
        Crc64 = crc64;
    }

    /// <summary>Part number.</summary>
    public int PartNumber { get; }

    /// <summary>ETag as returned (quoted).</summary>
    public string ETag { get; }

    /// <summary>Bytes in the part.</summary>
    public long Size { get; }

    /// <summary>CRC-64 of the part's bytes, computed while sending them.</summary>
    public ulong Crc64 { get; }
}
