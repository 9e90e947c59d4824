using System;

namespace OssResumable.Core.Protocol;

/// <summary>A part already stored for a multipart upload, as ListParts lists it (its CRC-64 may be missing; see <see cref="StoredPart"/>).</summary>
public sealed class ListedPart
{
    /// <summary>Creates the entry.</summary>
    /// <param name="partNumber">Part number.</param>
    /// <param name="size">Bytes in the part.</param>
    /// <param name="eTag">ETag (quoted).</param>
    /// <param name="crc64">CRC-64 (<c>HashCrc64ecma</c>), or null when OSS did not report it.</param>
    /// <param name="lastModified">When the part was uploaded.</param>
    public ListedPart(int partNumber, long size, string eTag, ulong? crc64, DateTimeOffset lastModified)
    {
        PartNumber = partNumber;
        Size = size;
        ETag = eTag;
        Crc64 = crc64;
        LastModified = lastModified;
    }

    /// <summary>Part number.</summary>
    public int PartNumber { get; }

    /// <summary>Bytes in the part.</summary>
    public long Size { get; }

    /// <summary>ETag (quoted).</summary>
    public string ETag { get; }

    /// <summary>CRC-64 of the part, or null when OSS did not report it.</summary>
    public ulong? Crc64 { get; }

    /// <summary>When the part was uploaded.</summary>
    public DateTimeOffset LastModified { get; }
}
