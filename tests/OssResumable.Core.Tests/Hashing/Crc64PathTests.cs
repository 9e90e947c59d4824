using System;
using System.Linq;

namespace OssResumable.Core.Tests.Hashing;

/// <summary>Every implementation against the bit-by-bit definition, across lengths and alignments.</summary>
public class Crc64PathTests
{
    private static readonly int[] Offsets = [0, 1, 3, 7, 8, 9, 15];

    public static TheoryData<string> Paths => Crc64Paths.All;

    [Theory]
    [MemberData(nameof(Paths))]
    public void Compute_EveryLengthUpTo600AtSeveralOffsets_MatchesBitwiseReference(string path)
    {
        byte[] buffer = RandomBytes(600 + 16, seed: 600);

        foreach (int offset in Offsets)
        {
            for (int length = 0; length <= 600; length++)
            {
                ReadOnlySpan<byte> data = buffer.AsSpan(offset, length);
                Assert.True(
                    Crc64BitwiseReference.Compute(data) == Crc64Paths.Compute(path, data),
                    $"{path}: length {length}, offset {offset}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Append_EveryLengthUpTo600FromNonZeroCrc_MatchesBitwiseReference(string path)
    {
        byte[] buffer = RandomBytes(600, seed: 601);
        var random = new Random(602);

        for (int length = 0; length <= 600; length++)
        {
            ulong previous = NextUInt64(random);
            ReadOnlySpan<byte> data = buffer.AsSpan(0, length);
            Assert.True(
                Crc64BitwiseReference.Append(previous, data) == Crc64Paths.Append(path, previous, data),
                $"{path}: length {length}, previous CRC {previous:X16}");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Compute_RandomLengthsUpTo1MiBAtRandomOffsets_MatchesBitwiseReference(string path)
    {
        const int MaxLength = 1 << 20;
        byte[] buffer = RandomBytes(MaxLength + 64, seed: 1024);
        var random = new Random(1025);

        // The last lengths sit exactly on and around the 128-byte stride of the folding path.
        int[] lengths = [.. Enumerable.Range(0, 6).Select(_ => random.Next(600, MaxLength + 1)), MaxLength, (MaxLength / 2) + 127, 128 * 1000, (128 * 1000) + 1];
        foreach (int length in lengths)
        {
            int offset = random.Next(0, 64);
            ReadOnlySpan<byte> data = buffer.AsSpan(offset, length);
            Assert.True(
                Crc64BitwiseReference.Compute(data) == Crc64Paths.Compute(path, data),
                $"{path}: length {length}, offset {offset}");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Compute_UniformContent_MatchesBitwiseReference(string path)
    {
        // All-zero and all-one inputs exercise the init/xorout handling: a path that forgot to
        // inject the initial register would still get random data "mostly" wrong, but these
        // patterns make such slips (and sign-extension mistakes) deterministic.
        foreach (byte fill in new byte[] { 0x00, 0xFF, 0x80, 0x01 })
        {
            foreach (int length in new[] { 1, 16, 17, 128, 4096, 65537 })
            {
                byte[] data = Enumerable.Repeat(fill, length).ToArray();
                Assert.True(
                    Crc64BitwiseReference.Compute(data) == Crc64Paths.Compute(path, data),
                    $"{path}: fill {fill:X2}, length {length}");
            }
        }
    }

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    internal static ulong NextUInt64(Random random)
    {
        Span<byte> bytes = stackalloc byte[8];
        random.NextBytes(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
