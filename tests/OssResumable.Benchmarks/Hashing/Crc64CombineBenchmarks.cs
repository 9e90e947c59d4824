using System;
using BenchmarkDotNet.Attributes;
using OssResumable.Core.Hashing;

namespace OssResumable.Benchmarks.Hashing;

/// <summary>
/// Cost of verifying a 10,000-part upload from its part CRCs: one Combine per part.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, id: "Crc64Short")]
public class Crc64CombineBenchmarks
{
    private const int PartCount = 10_000;

    private readonly ulong[] partCrcs = new ulong[PartCount];

    /// <summary>Part length in bytes; the cost grows with the number of bits in it.</summary>
    [Params(5L * 1024 * 1024, 5L * 1024 * 1024 * 1024)]
    public long PartLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var bytes = new byte[8];
        for (int i = 0; i < PartCount; i++)
        {
            random.NextBytes(bytes);
            partCrcs[i] = BitConverter.ToUInt64(bytes);
        }
    }

    [Benchmark]
    public ulong CombineTenThousandParts()
    {
        ulong crc = 0;
        foreach (ulong part in partCrcs)
        {
            crc = Crc64.Combine(crc, part, PartLength);
        }

        return crc;
    }
}
