using System;
using System.Diagnostics;
using System.Globalization;
using OssResumable.Core.Transfer;

namespace OssResumable.Driver;

/// <summary>
/// Human-readable output on stderr, kept sparse: warnings always, a progress line at most every
/// few seconds (unless --quiet), the engine's narration with --verbose. Stdout carries only JSON.
/// </summary>
internal sealed class DriverConsole : IProgress<UploadProgress>
{
    private static readonly long ProgressIntervalTicks = 5 * Stopwatch.Frequency;

    private readonly object _gate = new();
    private readonly bool _verbose;
    private readonly bool _quiet;
    private long _lastProgress = Stopwatch.GetTimestamp();

    public DriverConsole(bool verbose, bool quiet)
    {
        _verbose = verbose;
        _quiet = quiet;
    }

    public void Error(string message) => Write("error: " + message);

    public void Info(string message)
    {
        if (!_quiet)
        {
            Write(message);
        }
    }

    public void Log(UploadLogEntry entry)
    {
        if (entry.Level == UploadLogLevel.Warning)
        {
            Write("warning: " + entry.Message);
        }
        else if (_verbose)
        {
            Write("verbose: " + entry.Message);
        }
    }

    public void Report(UploadProgress value)
    {
        if (_quiet)
        {
            return;
        }

        lock (_gate)
        {
            long now = Stopwatch.GetTimestamp();
            if (now - _lastProgress < ProgressIntervalTicks)
            {
                return;
            }

            _lastProgress = now;
        }

        Write(string.Format(
            CultureInfo.InvariantCulture,
            "progress: {0:0.0}% ({1:N0} of {2:N0} bytes), {3}/{4} parts, {5}",
            value.Fraction * 100,
            value.TransferredBytes,
            value.TotalBytes,
            value.CompletedParts,
            value.PartCount,
            value.Phase.ToString().ToLowerInvariant()));
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            Console.Error.WriteLine(line);
        }
    }
}
