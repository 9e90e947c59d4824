using System;

namespace OssResumable.Core.Hashing;

/// <summary>
/// CRC-64/XZ (a.k.a. CRC-64/GO-ECMA), the checksum OSS reports in <c>x-oss-hash-crc64ecma</c>:
/// reflected polynomial 0xC96C5795D7870F42, init and xorout all ones. Check value for the ASCII
/// string "123456789" is 0x995DC9BBDF1939FA. Not the same CRC as System.IO.Hashing.Crc64.
/// </summary>
/// <remarks>
/// <para>All methods work on finished CRC values, so <c>Append(Append(0, a), b) == Compute(a ‖ b)</c>.</para>
/// <para>On .NET 8+ x64 with PCLMULQDQ, inputs of 16 bytes or more use
/// carry-less-multiply folding; everything else uses a portable slicing-by-16 table path. Both give
/// identical results; docs/performance.md has the measured throughput.</para>
/// </remarks>
public static class Crc64
{
    /// <summary>The reflected ECMA-182 polynomial used by CRC-64/XZ.</summary>
    public const ulong ReflectedPolynomial = 0xC96C5795D7870F42UL;

#if NET8_0_OR_GREATER
    /// <summary>
    /// Inputs at least this long take the carry-less-multiply path when it is available: one
    /// 16-byte block. Measured (docs/performance.md), folding plus the final reduction already
    /// beats the table path at 16 bytes, so there is no reason to wait for longer inputs.
    /// </summary>
    internal const int PclmulThreshold = Crc64Pclmul.BlockSize;
#endif

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
#if NET8_0_OR_GREATER
        if (data.Length >= PclmulThreshold && Crc64Pclmul.IsSupported)
        {
            return Crc64Pclmul.Append(crc, data);
        }
#endif
        return Crc64Slicing.Append(crc, data);
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
        ulong shift = Crc64Polynomial.XPowerModP((ulong)lengthB, 3);
        return Crc64Polynomial.MultiplyModP(shift, crcA) ^ crcB;
    }
}
