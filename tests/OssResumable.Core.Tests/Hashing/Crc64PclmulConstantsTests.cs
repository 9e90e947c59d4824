using System;
using System.Runtime.Intrinsics;
using OssResumable.Core.Hashing;

namespace OssResumable.Core.Tests.Hashing;

/// <summary>
/// Recomputes the folding and Barrett constants of the carry-less-multiply path from the
/// polynomial by the most literal methods available (n single multiplications by x; an explicit
/// 128-bit product to check the division identity), independent of the product's square-and-multiply
/// and long-division code. See the remarks on Crc64Pclmul for what each constant means.
/// </summary>
public class Crc64PclmulConstantsTests
{
    private const ulong NormalPolynomial = 0x42F0E1EBA9EA3693UL; // P without x^64, MSB = x^63

    [Fact]
    public void FoldBy1Block_RecomputedFromPolynomial_IsXPower191And127ModP()
    {
        Assert.Equal(XPowerModPBySteps(191), Crc64Pclmul.FoldBy1Block.GetElement(0));
        Assert.Equal(XPowerModPBySteps(127), Crc64Pclmul.FoldBy1Block.GetElement(1));
    }

    [Fact]
    public void FoldBy8Blocks_RecomputedFromPolynomial_IsXPower1087And1023ModP()
    {
        Assert.Equal(XPowerModPBySteps(1087), Crc64Pclmul.FoldBy8Blocks.GetElement(0));
        Assert.Equal(XPowerModPBySteps(1023), Crc64Pclmul.FoldBy8Blocks.GetElement(1));
    }

    [Fact]
    public void XPower127ModP_RecomputedFromPolynomial_Matches()
    {
        Assert.Equal(XPowerModPBySteps(127), Crc64Pclmul.XPower127ModP);
    }

    [Fact]
    public void BarrettMu_TimesPolynomialPlusRemainder_EqualsXPower127()
    {
        // x^127 = μ·P + (x^127 mod P) with deg(x^127 mod P) < 64 defines μ = ⌊x^127 / P⌋ uniquely.
        UInt128 mu = ReverseBits64(Crc64Pclmul.BarrettMu);
        UInt128 fullPolynomial = ((UInt128)1 << 64) | NormalPolynomial;
        UInt128 remainder = ReverseBits64(XPowerModPBySteps(127));

        UInt128 product = 0;
        for (int bit = 0; bit < 64; bit++)
        {
            if (((mu >> bit) & 1) != 0)
            {
                product ^= fullPolynomial << bit;
            }
        }

        Assert.Equal((UInt128)1 << 127, product ^ remainder);
    }

    [Fact]
    public void PolynomialMiddle_ShiftedUpWithEndTerms_RebuildsPolynomial()
    {
        // P = x^64 + x·P₁ + 1: in normal order, P without x^64 is (P₁ << 1) | 1.
        ulong middleNormal = ReverseBits64(Crc64Pclmul.PolynomialMiddle);

        Assert.Equal(0UL, middleNormal >> 63);
        Assert.Equal(NormalPolynomial, (middleNormal << 1) | 1);
    }

    [Fact]
    public void ReflectedPolynomial_Reversed_IsEcma182NormalForm()
    {
        Assert.Equal(NormalPolynomial, ReverseBits64(Crc64.ReflectedPolynomial));
    }

    // x^n mod P in the reflected representation (bit 63 = x^0), one multiplication by x at a time.
    private static ulong XPowerModPBySteps(int n)
    {
        ulong value = 1UL << 63;
        for (int i = 0; i < n; i++)
        {
            value = (value & 1) != 0 ? (value >> 1) ^ Crc64.ReflectedPolynomial : value >> 1;
        }

        return value;
    }

    private static ulong ReverseBits64(ulong value)
    {
        ulong reversed = 0;
        for (int i = 0; i < 64; i++)
        {
            reversed = (reversed << 1) | ((value >> i) & 1);
        }

        return reversed;
    }
}
