using System;

namespace OssResumable.Core.Hashing;

/// <summary>
/// CRC-64/XZ (a.k.a. CRC-64/GO-ECMA), the checksum OSS reports in <c>x-oss-hash-crc64ecma</c>:
/// reflected polynomial 0xC96C5795D7870F42, init and xorout all ones. Check value for the ASCII
/// string "123456789" is 0x995DC9BBDF1939FA. Not the same CRC as System.IO.Hashing.Crc64.
/// </summary>
/// <remarks>All methods work on finished CRC values, so <c>Append(Append(0, a), b) == Compute(a ‖ b)</c>.</remarks>
public static class Crc64
{
    /// <summary>The reflected ECMA-182 polynomial used by CRC-64/XZ.</summary>
    public const ulong ReflectedPolynomial = 0xC96C5795D7870F42UL;

    private static readonly ulong[] Table = BuildTable();

    /// <summary>Computes the CRC-64/XZ of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes to checksum.</param>
    /// <returns>The finished CRC value (0 for empty input).</returns>
    public static ulong Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a finished CRC with more bytes.</summary>
    /// <param name="crc">The CRC of the preceding bytes (0 at the start).</param>
    /// <param name="data">The bytes that follow.</param>
    /// <returns>The CRC of the preceding bytes followed by <paramref name="data"/>.</returns>
    public static ulong Append(ulong crc, ReadOnlySpan<byte> data)
    {
        ulong c = ~crc;
        foreach (byte b in data)
        {
            c = Table[(byte)(c ^ b)] ^ (c >> 8);
        }

        return ~c;
    }

    /// <summary>
    /// Returns the CRC of A‖B from the CRC of A, the CRC of B and the length of B, without the bytes.
    /// Used to verify a multipart object from its parts' CRCs.
    /// </summary>
    /// <param name="crcA">CRC of the first block.</param>
    /// <param name="crcB">CRC of the second block.</param>
    /// <param name="lengthB">Length of the second block in bytes.</param>
    /// <returns>The CRC of the concatenation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lengthB"/> is negative.</exception>
    public static ulong Combine(ulong crcA, ulong crcB, long lengthB)
    {
        if (lengthB < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthB), lengthB, "The length of the second block cannot be negative.");
        }

        if (lengthB == 0)
        {
            return crcA;
        }

        // crcA · x^(8·lengthB) mod P, then add crcB (zlib's crc32_combine generalised to 64 bits;
        // the pre/post inversions cancel out on finished values).
        ulong power = XPowerEightN((ulong)lengthB);
        return MultiplyModP(power, crcA) ^ crcB;
    }

    // Reflected representation: bit 63 is x^0.
    private static ulong MultiplyModP(ulong a, ulong b)
    {
        ulong m = 1UL << 63;
        ulong p = 0;
        while (true)
        {
            if ((a & m) != 0)
            {
                p ^= b;
                if ((a & (m - 1)) == 0)
                {
                    return p;
                }
            }

            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ ReflectedPolynomial : b >> 1;
        }
    }

    private static readonly ulong[] PowersOfX = BuildPowers();

    // x^(2^k) mod P for k = 0..63.
    private static ulong[] BuildPowers()
    {
        var powers = new ulong[64];
        powers[0] = 1UL << 62; // x^1
        for (int k = 1; k < 64; k++)
        {
            powers[k] = MultiplyModP(powers[k - 1], powers[k - 1]);
        }

        return powers;
    }

    // x^(8n) mod P.
    private static ulong XPowerEightN(ulong n)
    {
        ulong p = 1UL << 63; // x^0
        int k = 3;
        while (n != 0)
        {
            if ((n & 1) != 0)
            {
                p = MultiplyModP(PowersOfX[k & 63], p);
            }

            n >>= 1;
            k++;
        }

        return p;
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (uint n = 0; n < 256; n++)
        {
            ulong c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ ReflectedPolynomial : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
