using System;
using System.Buffers.Binary;

namespace OssResumable.Core.Hashing;

/// <summary>
/// Slicing-by-8 CRC-64/XZ: eight 256-entry tables let one step consume eight bytes with eight
/// independent lookups instead of a chain of eight dependent ones. Portable (netstandard2.0, any
/// endianness, no unsafe code); the fallback wherever carry-less multiply is unavailable and the
/// tail handler of the PCLMULQDQ path.
/// </summary>
internal static class Crc64Slicing
{
    // Tables[256·k + n] = register after feeding byte n followed by k zero bytes into a zero
    // register. A byte at position i of an 8-byte word still has 7 - i bytes to travel, so it is
    // looked up in table 7 - i. One flat array keeps the lookups to a single bounds-checked base.
    private static readonly ulong[] Tables = BuildTables();

    /// <summary>Continues a finished CRC with <paramref name="data"/>.</summary>
    internal static ulong Append(ulong crc, ReadOnlySpan<byte> data) => ~Update(~crc, data);

    /// <summary>Feeds <paramref name="data"/> into a raw (not inverted) CRC register.</summary>
    internal static ulong Update(ulong register, ReadOnlySpan<byte> data)
    {
        ulong[] t = Tables;
        int offset = 0;
        int end8 = data.Length - 8;
        while (offset <= end8)
        {
            // Little-endian read: the first byte of the word is the low byte, matching the
            // reflected register whose low byte meets the next input byte.
            register ^= BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(offset, 8));
            register =
                t[0x700 + (int)(register & 0xFF)] ^
                t[0x600 + (int)((register >> 8) & 0xFF)] ^
                t[0x500 + (int)((register >> 16) & 0xFF)] ^
                t[0x400 + (int)((register >> 24) & 0xFF)] ^
                t[0x300 + (int)((register >> 32) & 0xFF)] ^
                t[0x200 + (int)((register >> 40) & 0xFF)] ^
                t[0x100 + (int)((register >> 48) & 0xFF)] ^
                t[(int)(register >> 56)];
            offset += 8;
        }

        for (; offset < data.Length; offset++)
        {
            register = t[(byte)(register ^ data[offset])] ^ (register >> 8);
        }

        return register;
    }

    private static ulong[] BuildTables()
    {
        var tables = new ulong[8 * 256];
        Array.Copy(Crc64ByteTable.Table, tables, 256);
        for (int k = 1; k < 8; k++)
        {
            for (int n = 0; n < 256; n++)
            {
                // One more zero byte after the entry of table k - 1.
                ulong previous = tables[(256 * (k - 1)) + n];
                tables[(256 * k) + n] = tables[(int)(previous & 0xFF)] ^ (previous >> 8);
            }
        }

        return tables;
    }
}
