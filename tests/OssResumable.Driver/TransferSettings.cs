using System;
using System.Diagnostics;
using System.Globalization;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;

namespace OssResumable.Driver;

/// <summary>
/// <c>--threads N|auto</c> and <c>--max-bytes-per-second N</c>: one concurrency budget and one bandwidth cap
/// for everything a command uploads, as Send-OssFile's -Threads and -MaxBytesPerSecond.
/// </summary>
internal sealed class TransferSettings
{
    public static readonly string[] Options = { "threads", "max-bytes-per-second", "auto-max-start" };

    private TransferSettings(int threads, TransferThrottle throttle, BandwidthLimiter? limiter)
    {
        Threads = threads;
        Throttle = throttle;
        Limiter = limiter;
    }

    /// <summary>Parts (or files) in flight per upload: the fixed count, or the adaptive ceiling.</summary>
    public int Threads { get; }

    public TransferThrottle Throttle { get; }

    public BandwidthLimiter? Limiter { get; }

    public static TransferSettings Parse(CommandLine line, DriverConsole console)
    {
        long? cap = line.OptionalLong("max-bytes-per-second", BandwidthLimiter.MinBytesPerSecond, BandwidthLimiter.MaxBytesPerSecond);
        BandwidthLimiter? limiter = cap is long rate ? new BandwidthLimiter(rate) : null;
        // Auto unless a number is given: the default of Send-OssFile, so "our defaults" mean the same in both.
        string? threadsText = line.Optional("threads");
        if (threadsText is null || string.Equals(threadsText, "auto", StringComparison.OrdinalIgnoreCase))
        {
            // --auto-max-start: the most parts in flight before the first measurement (benchmarks compare starts).
            int maxStart = line.OptionalInt("auto-max-start", 1, UploadLimits.MaxThreads) ?? TransferThrottle.AdaptiveMaxStartConcurrency;
            TransferThrottle adaptive = TransferThrottle.Adaptive(maxStart);

            // How concurrency evolved, for the benchmark (stderr; stdout carries only the JSON result).
            var clock = Stopwatch.StartNew();
            adaptive.LimitChanged += (limit, goodput) => console.Info(string.Format(
                CultureInfo.InvariantCulture, "auto: {0:0.000} s: {1} in flight (goodput {2:0.0} MB/s)", clock.Elapsed.TotalSeconds, limit, goodput / 1e6));
            return new TransferSettings(adaptive.MaxConcurrency, adaptive, limiter);
        }

        int threads = line.OptionalInt("threads", 1, UploadLimits.MaxThreads) ?? UploadLimits.MaxThreads;
        return new TransferSettings(threads, new TransferThrottle(threads), limiter);
    }

    public UploaderSettings ToUploaderSettings(DriverConsole console) =>
        new() { Log = console.Log, Throttle = Throttle, BandwidthLimiter = Limiter };
}
