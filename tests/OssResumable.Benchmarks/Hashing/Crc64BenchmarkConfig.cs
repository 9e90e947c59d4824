using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace OssResumable.Benchmarks.Hashing;

/// <summary>
/// A short job (the build box has 2 shared cores; the whole CRC suite should finish in a few
/// minutes) plus the GB/s column computed from the Size parameter.
/// </summary>
public sealed class Crc64BenchmarkConfig : ManualConfig
{
    public Crc64BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithId("Crc64Short"));
        AddColumn(StatisticColumn.Median, new ThroughputColumn(nameof(Crc64Benchmarks.Size)));
    }
}
