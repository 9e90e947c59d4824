using System;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OssResumable.Benchmarks;

/// <summary>
/// Adds a "GB/s" column: the benchmark's byte-count parameter divided by its median time
/// (bytes per nanosecond = 10^9 bytes per second). The median, not the mean, because the build
/// machine is shared: a few iterations descheduled by other work should not move the figure.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    private readonly string parameterName;

    public ThroughputColumn(string parameterName)
    {
        this.parameterName = parameterName;
    }

    public string Id => $"{nameof(ThroughputColumn)}.{parameterName}";

    public string ColumnName => "GB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Throughput: {parameterName} bytes / median time, in 10^9 bytes per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? medianNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Median;
        object? bytes = benchmarkCase.Parameters[parameterName];
        if (medianNanoseconds is not > 0 || bytes is null)
        {
            return "NA";
        }

        double throughput = Convert.ToDouble(bytes, CultureInfo.InvariantCulture) / medianNanoseconds.Value;
        return throughput.ToString("F2", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
