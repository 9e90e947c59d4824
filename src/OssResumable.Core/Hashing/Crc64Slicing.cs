using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OssResumable.Core.Hashing;

/// <summary>
/// Slicing-by-16 CRC-64/XZ: sixteen 256-entry tables let one step consume sixteen bytes with
/// independent lookups instead of a chain of sixteen dependent ones. Portable (netstandard2.0,
/// either endianness, no unsafe code); the only path on .NET Framework and wherever
/// carry-less multiply is unavailable, and the tail handler of the PCLMULQDQ path.
/// </summary>
/// <remarks>
/// Slicing-by-16 measured about 1.3× faster than slicing-by-8 on the development machine; its
/// 32 KiB of tables still fit in a typical L1 data cache.
/// </remarks>
internal static class Crc64Slicing
{
    private const int TableCount = 16;

    // Tables[256·k + n] = register after feeding byte n followed by k zero bytes into a zero
    // register. A byte with j more bytes after it in the current step is looked up in table j.
    // One flat array keeps every lookup on a single base.
    private static readonly ulong[] Tables = BuildTables();

    /// <summary>Continues a finished CRC with <paramref name="data"/>.</summary>
    internal static ulong Append(ulong crc, ReadOnlySpan<byte> data) => ~Update(~crc, data);

    /// <summary>Feeds <paramref name="data"/> into a raw (not inverted) CRC register.</summary>
    internal static ulong Update(ulong register, ReadOnlySpan<byte> data)
    {
        ulong[] t = Tables;

        // Whole 8-byte words, read little-endian: the first byte of a word is its low byte,
        // which is where the reflected register meets the next input byte.
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(data);
        int i = 0;
        for (; i + 1 < words.Length; i += 2)
        {
            ulong a = register ^ LittleEndian(words[i]);
            ulong b = LittleEndian(words[i + 1]);
            register =
                t[0xF00 + (int)(a & 0xFF)] ^
                t[0xE00 + (int)((a >> 8) & 0xFF)] ^
                t[0xD00 + (int)((a >> 16) & 0xFF)] ^
                t[0xC00 + (int)((a >> 24) & 0xFF)] ^
                t[0xB00 + (int)((a >> 32) & 0xFF)] ^
                t[0xA00 + (int)((a >> 40) & 0xFF)] ^
                t[0x900 + (int)((a >> 48) & 0xFF)] ^
                t[0x800 + (int)(a >> 56)] ^
                t[0x700 + (int)(b & 0xFF)] ^
                t[0x600 + (int)((b >> 8) & 0xFF)] ^
                t[0x500 + (int)((b >> 16) & 0xFF)] ^
                t[0x400 + (int)((b >> 24) & 0xFF)] ^
                t[0x300 + (int)((b >> 32) & 0xFF)] ^
                t[0x200 + (int)((b >> 40) & 0xFF)] ^
                t[0x100 + (int)((b >> 48) & 0xFF)] ^
                t[(int)(b >> 56)];
        }

        if (i < words.Length)
        {
            ulong a = register ^ LittleEndian(words[i]);
            register =
                t[0x700 + (int)(a & 0xFF)] ^
                t[0x600 + (int)((a >> 8) & 0xFF)] ^
                t[0x500 + (int)((a >> 16) & 0xFF)] ^
                t[0x400 + (int)((a >> 24) & 0xFF)] ^
                t[0x300 + (int)((a >> 32) & 0xFF)] ^
                t[0x200 + (int)((a >> 40) & 0xFF)] ^
                t[0x100 + (int)((a >> 48) & 0xFF)] ^
                t[(int)(a >> 56)];
        }

        for (int offset = words.Length * sizeof(ulong); offset < data.Length; offset++)
        {
            register = t[(byte)(register ^ data[offset])] ^ (register >> 8);
        }

        return register;
    }

    // BitConverter.IsLittleEndian is a JIT-time constant, so this costs nothing on x86/x64/Arm.
    private static ulong LittleEndian(ulong word) =>
        BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word);

    private static ulong[] BuildTables()
    {
        var tables = new ulong[TableCount * 256];
        Array.Copy(Crc64ByteTable.Table, tables, 256);
        for (int k = 1; k < TableCount; k++)
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
