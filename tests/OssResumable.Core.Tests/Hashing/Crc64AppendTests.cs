using System;
using OssResumable.Core.Hashing;

namespace OssResumable.Core.Tests.Hashing;

public class Crc64AppendTests
{
    [Fact]
    public void Append_RandomSplitPoints_EqualsCrcOfWhole()
    {
        byte[] data = Crc64PathTests.RandomBytes(500_000, seed: 21);
        ulong whole = Crc64BitwiseReference.Compute(data);
        var random = new Random(22);

        for (int trial = 0; trial < 50; trial++)
        {
            int split = random.Next(data.Length + 1);
            ulong continued = Crc64.Append(Crc64.Compute(data.AsSpan(0, split)), data.AsSpan(split));
            Assert.True(whole == continued, $"split at {split}");
        }
    }

    [Fact]
    public void Append_ManyChunksOfRandomSizes_EqualsCrcOfWhole()
    {
        // Chunk sizes straddle the dispatch threshold and the 16/128-byte block sizes, like a
        // stream read in whatever pieces the socket hands over.
        byte[] data = Crc64PathTests.RandomBytes(400_000, seed: 23);
        var random = new Random(24);

        ulong crc = 0;
        int position = 0;
        while (position < data.Length)
        {
            int length = Math.Min(random.Next(0, 3000), data.Length - position);
            crc = Crc64.Append(crc, data.AsSpan(position, length));
            position += length;
        }

        Assert.Equal(Crc64BitwiseReference.Compute(data), crc);
    }

    [Fact]
    public void Append_EmptyData_ReturnsSameCrc()
    {
        Assert.Equal(0x995DC9BBDF1939FAUL, Crc64.Append(0x995DC9BBDF1939FAUL, ReadOnlySpan<byte>.Empty));
    }
}
