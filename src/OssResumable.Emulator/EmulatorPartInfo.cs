using System;

namespace OssResumable.Emulator;

/// <summary>An uploaded part of an in-progress multipart upload.</summary>
public sealed class EmulatorPartInfo
{
    internal EmulatorPartInfo(int partNumber, long size, string eTag, ulong crc64, DateTimeOffset lastModified)
    {
        PartNumber = partNumber;
        Size = size;
        ETag = eTag;
        Crc64 = crc64;
        LastModified = lastModified;
    }

    /// <summary>Part number (1..10000).</summary>
    public int PartNumber { get; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; }

    /// <summary>Quoted upper-case MD5 ETag.</summary>
    public string ETag { get; }

    /// <summary>CRC-64/XZ of the part.</summary>
    public ulong Crc64 { get; }

    /// <summary>When the part was (last) uploaded.</summary>
    public DateTimeOffset LastModified { get; }
}
