using System;
using BenchmarkDotNet.Attributes;
using OssResumable.Core.Hashing;

namespace OssResumable.Benchmarks.Hashing;

/// <summary>
/// Small inputs, to place Crc64.PclmulThreshold: below some length the fixed cost of the final
/// reduction makes the table path faster.
/// </summary>
[Config(typeof(Crc64BenchmarkConfig))]
public class Crc64ThresholdBenchmarks
{
    private byte[] data = [];

    [Params(16, 32, 64, 128, 256)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        data = new byte[Size];
        new Random(42).NextBytes(data);
    }

    [Benchmark(Baseline = true)]
    public ulong SlicingBy16() => Crc64Slicing.Append(0, data);

    [Benchmark]
    public ulong PclmulFolding() => Crc64Pclmul.Append(0, data);
}
