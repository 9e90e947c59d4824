using System;

namespace OssResumable.Core.Hashing;

/// <summary>
/// Arithmetic in GF(2)[x] modulo the CRC-64/XZ polynomial P, in the reflected representation the
/// CRC itself uses: bit 63 of a <see cref="ulong"/> is the coefficient of x^0, bit 0 that of x^63.
/// Used by <see cref="Crc64.Combine"/> and to derive the carry-less-multiply folding constants, so
/// every constant in this folder comes from <see cref="Crc64.ReflectedPolynomial"/> and nothing else.
/// </summary>
internal static class Crc64Polynomial
{
    /// <summary>The polynomial without its x^64 term, in normal (MSB = x^63) order: 0x42F0E1EBA9EA3693.</summary>
    internal static readonly ulong NormalPolynomial = ReverseBits(Crc64.ReflectedPolynomial);

    // x^(2^k) mod P for k = 0..66. Combine asks for x^(8·n) with n up to 2^63 - 1, i.e. powers up to
    // x^(2^66); indexing with k & 63 (as zlib does for CRC-32) would only be right if x^(2^64) ≡ x,
    // which depends on how P factors, so the table simply goes far enough.
    private static readonly ulong[] PowersOfXToPowersOfTwo = BuildPowers();

    /// <summary>The reflected representation of x^0 (the polynomial 1).</summary>
    internal const ulong One = 1UL << 63;

    /// <summary>Returns a·b mod P (both reflected).</summary>
    internal static ulong MultiplyModP(ulong a, ulong b)
    {
        // Walk a's coefficients from x^0 upwards while b runs through b·x^i mod P.
        ulong mask = One;
        ulong product = 0;
        while (a != 0)
        {
            if ((a & mask) != 0)
            {
                product ^= b;
                a ^= mask;
            }

            mask >>= 1;
            b = MultiplyByX(b);
        }

        return product;
    }

    /// <summary>Returns a·x mod P (reflected).</summary>
    internal static ulong MultiplyByX(ulong a) => (a & 1) != 0 ? (a >> 1) ^ Crc64.ReflectedPolynomial : a >> 1;

    /// <summary>Returns x^(n·2^shift) mod P (reflected), for 0 ≤ shift ≤ 3.</summary>
    /// <param name="n">The exponent before scaling.</param>
    /// <param name="shift">log2 of the scale factor (3 turns a byte count into a bit count).</param>
    internal static ulong XPowerModP(ulong n, int shift)
    {
        if (shift < 0 || shift > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(shift), shift, "The shift must be between 0 and 3.");
        }

        ulong result = One;
        int k = shift;
        while (n != 0)
        {
            if ((n & 1) != 0)
            {
                result = MultiplyModP(PowersOfXToPowersOfTwo[k], result);
            }

            n >>= 1;
            k++;
        }

        return result;
    }

    /// <summary>
    /// Returns ⌊x^n / P⌋ (reflected) for 64 ≤ n ≤ 127, whose quotient has degree n - 64 &lt; 64.
    /// Plain long division; used once to derive the Barrett constant.
    /// </summary>
    internal static ulong QuotientOfXPower(int n)
    {
        if (n < 64 || n > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "The exponent must be between 64 and 127.");
        }

        // Normal order: remainder holds the running remainder (degree < 64). The dividend x^n has a
        // single 1 bit; it enters the remainder at step n, and from then on every bit that falls
        // off the top of the remainder is a quotient bit for the current position.
        ulong remainder = 0;
        ulong quotient = 0;
        for (int position = 127; position >= 0; position--)
        {
            bool carry = (remainder >> 63) != 0;
            remainder = (remainder << 1) | (position == n ? 1UL : 0UL);
            if (carry)
            {
                remainder ^= NormalPolynomial;
                quotient |= 1UL << position;
            }
        }

        return ReverseBits(quotient);
    }

    /// <summary>Reverses the bit order of a 64-bit value (converts between normal and reflected order).</summary>
    internal static ulong ReverseBits(ulong value)
    {
        value = ((value >> 1) & 0x5555555555555555UL) | ((value & 0x5555555555555555UL) << 1);
        value = ((value >> 2) & 0x3333333333333333UL) | ((value & 0x3333333333333333UL) << 2);
        value = ((value >> 4) & 0x0F0F0F0F0F0F0F0FUL) | ((value & 0x0F0F0F0F0F0F0F0FUL) << 4);
        value = ((value >> 8) & 0x00FF00FF00FF00FFUL) | ((value & 0x00FF00FF00FF00FFUL) << 8);
        value = ((value >> 16) & 0x0000FFFF0000FFFFUL) | ((value & 0x0000FFFF0000FFFFUL) << 16);
        return (value >> 32) | (value << 32);
    }

    private static ulong[] BuildPowers()
    {
        var powers = new ulong[67];
        powers[0] = One >> 1; // x^1
        for (int k = 1; k < powers.Length; k++)
        {
            powers[k] = MultiplyModP(powers[k - 1], powers[k - 1]);
        }

        return powers;
    }
}
