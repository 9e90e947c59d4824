using System;

namespace OssResumable.Core.Hashing;

/// <summary>
/// The classic one-table, one-byte-per-step CRC-64/XZ (what the OSS SDKs ship). Kept as the
/// measured baseline for the faster paths and as a second, simple implementation for tests.
/// </summary>
internal static class Crc64ByteTable
{
    /// <summary>Table[n] = the CRC register after feeding byte n into a zero register.</summary>
    internal static readonly ulong[] Table = BuildTable();

    /// <summary>Continues a finished CRC with <paramref name="data"/>, one byte at a time.</summary>
    internal static ulong Append(ulong crc, ReadOnlySpan<byte> data) => ~Update(~crc, data);

    /// <summary>Feeds <paramref name="data"/> into a raw (not inverted) CRC register.</summary>
    internal static ulong Update(ulong register, ReadOnlySpan<byte> data)
    {
        ulong[] table = Table;
        foreach (byte b in data)
        {
            register = table[(byte)(register ^ b)] ^ (register >> 8);
        }

        return register;
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (uint n = 0; n < 256; n++)
        {
            ulong c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ Crc64.ReflectedPolynomial : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
