using System;
using BenchmarkDotNet.Attributes;
using OssResumable.Core.Hashing;

namespace OssResumable.Benchmarks.Hashing;

/// <summary>
/// Throughput of each CRC-64/XZ path on one buffer. Ratio is against the byte-at-a-time table
/// (what the OSS SDKs ship), measured in the same run.
/// </summary>
[Config(typeof(Crc64BenchmarkConfig))]
public class Crc64Benchmarks
{
    private byte[] data = [];

    [Params(4 * 1024, 64 * 1024, 1024 * 1024, 8 * 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        data = new byte[Size];
        new Random(42).NextBytes(data);
    }

    [Benchmark(Baseline = true)]
    public ulong ByteAtATimeTable() => Crc64ByteTable.Append(0, data);

    [Benchmark]
    public ulong SlicingBy16() => Crc64Slicing.Append(0, data);

    [Benchmark]
    public ulong PclmulFolding() => Crc64Pclmul.Append(0, data);

    [Benchmark]
    public ulong PublicCompute() => Crc64.Compute(data);
}
