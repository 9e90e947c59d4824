using System;

namespace OssResumable.Core.Tests.Hashing;

/// <summary>
/// The CRC-64/XZ definition executed literally, one bit at a time, with no tables and no shared
/// code with the product: the yardstick every fast path is compared against.
/// </summary>
internal static class Crc64BitwiseReference
{
    private const ulong ReflectedPolynomial = 0xC96C5795D7870F42UL;

    public static ulong Append(ulong crc, ReadOnlySpan<byte> data)
    {
        ulong register = ~crc;
        foreach (byte b in data)
        {
            register ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                register = (register & 1) != 0 ? (register >> 1) ^ ReflectedPolynomial : register >> 1;
            }
        }

        return ~register;
    }

    public static ulong Compute(ReadOnlySpan<byte> data) => Append(0, data);
}
