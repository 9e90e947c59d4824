using System;
using System.Collections.Generic;
using OssResumable.Core.Hashing;

namespace OssResumable.Core.Tests.Hashing;

public class Crc64CombineTests
{
    [Fact]
    public void Combine_RandomTwoWaySplits_EqualsCrcOfWhole()
    {
        byte[] data = Crc64PathTests.RandomBytes(200_000, seed: 7);
        ulong whole = Crc64BitwiseReference.Compute(data);
        var random = new Random(8);

        // Split points 0 and Length give an empty piece on one side.
        int[] splits = [0, 1, data.Length - 1, data.Length, random.Next(data.Length), random.Next(data.Length), random.Next(data.Length)];
        foreach (int split in splits)
        {
            ulong first = Crc64.Compute(data.AsSpan(0, split));
            ulong second = Crc64.Compute(data.AsSpan(split));
            Assert.True(whole == Crc64.Combine(first, second, data.Length - split), $"split at {split}");
        }
    }

    [Fact]
    public void Combine_ManyPartsInOrderIncludingEmptyOnes_EqualsCrcOfWhole()
    {
        byte[] data = Crc64PathTests.RandomBytes(300_000, seed: 9);
        var random = new Random(10);

        // Fold from 0 part by part, as a multipart verifier does; every tenth part is empty.
        ulong combined = 0;
        int position = 0;
        int parts = 0;
        while (position < data.Length)
        {
            int length = parts % 10 == 3 ? 0 : Math.Min(random.Next(1, 5000), data.Length - position);
            combined = Crc64.Combine(combined, Crc64.Compute(data.AsSpan(position, length)), length);
            position += length;
            parts++;
        }

        Assert.True(parts > 100, $"only {parts} parts");
        Assert.Equal(Crc64BitwiseReference.Compute(data), combined);
    }

    [Fact]
    public void Combine_ZeroLengthSecondBlock_ReturnsFirstCrc()
    {
        Assert.Equal(0x995DC9BBDF1939FAUL, Crc64.Combine(0x995DC9BBDF1939FAUL, 0, 0));
    }

    [Fact]
    public void Combine_EmptyFirstBlock_ReturnsSecondCrc()
    {
        Assert.Equal(0x27DB187FC15BBC72UL, Crc64.Combine(0, 0x27DB187FC15BBC72UL, 49));
    }

    [Fact]
    public void Combine_NegativeLength_ThrowsArgumentOutOfRange()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Crc64.Combine(1, 2, -1));

        Assert.Equal("lengthB", exception.ParamName);
    }

    [Fact]
    public void Combine_HugeLengths_MatchesMatrixSquaringMethod()
    {
        // Lengths far beyond what can be hashed here (up to long.MaxValue) against the other
        // published combine method (GF(2) matrix squaring, protocol doc §6.3 method 1).
        var random = new Random(11);
        var lengths = new List<long> { 1, 8, 5L << 30, 1L << 61, (1L << 61) + 1, 1L << 62, long.MaxValue };
        for (int i = 0; i < 20; i++)
        {
            lengths.Add(random.NextInt64(1, long.MaxValue));
        }

        foreach (long length in lengths)
        {
            ulong crcA = Crc64PathTests.NextUInt64(random);
            ulong crcB = Crc64PathTests.NextUInt64(random);
            Assert.True(MatrixCombine(crcA, crcB, length) == Crc64.Combine(crcA, crcB, length), $"length {length}");
        }
    }

    [Fact]
    public void Combine_LengthOfZerosAppended_EqualsAppendingZeroBytes()
    {
        // Combine(a, crc(zeros), n) must equal a continued over n zero bytes, a case where the
        // second CRC is not "random looking".
        ulong crcA = Crc64.Compute("123456789"u8);
        foreach (int length in new[] { 1, 7, 8, 63, 64, 1000, 100_000 })
        {
            var zeros = new byte[length];
            Assert.Equal(Crc64BitwiseReference.Append(crcA, zeros), Crc64.Combine(crcA, Crc64.Compute(zeros), length));
        }
    }

    // zlib's original crc32_combine, generalised to 64 bits; shares no code with the product.
    private static ulong MatrixCombine(ulong crcA, ulong crcB, long lengthB)
    {
        var odd = new ulong[64];
        var even = new ulong[64];
        odd[0] = Crc64.ReflectedPolynomial;
        ulong row = 1;
        for (int n = 1; n < 64; n++)
        {
            odd[n] = row;
            row <<= 1;
        }

        Square(even, odd);
        Square(odd, even);
        while (true)
        {
            Square(even, odd);
            if ((lengthB & 1) != 0)
            {
                crcA = Times(even, crcA);
            }

            lengthB >>= 1;
            if (lengthB == 0)
            {
                break;
            }

            Square(odd, even);
            if ((lengthB & 1) != 0)
            {
                crcA = Times(odd, crcA);
            }

            lengthB >>= 1;
            if (lengthB == 0)
            {
                break;
            }
        }

        return crcA ^ crcB;
    }

    private static ulong Times(ulong[] matrix, ulong vector)
    {
        ulong sum = 0;
        for (int i = 0; vector != 0; i++, vector >>= 1)
        {
            if ((vector & 1) != 0)
            {
                sum ^= matrix[i];
            }
        }

        return sum;
    }

    private static void Square(ulong[] result, ulong[] matrix)
    {
        for (int n = 0; n < 64; n++)
        {
            result[n] = Times(matrix, matrix[n]);
        }
    }
}
