using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace OssResumable.Emulator.Http;

/// <summary>
/// Samples the counters every <see cref="OssEmulator.TimelineInterval"/> on a timer (a few
/// microseconds of work per tick) and keeps the last <see cref="Capacity"/> samples (an hour).
/// </summary>
internal sealed class StatisticsTimeline : IDisposable
{
    public const int Capacity = 36_000;

    private readonly RequestStatistics _statistics;
    private readonly Lock _gate = new();
    private readonly Queue<EmulatorSample> _samples = new();
    private readonly Timer _timer;
    private long _origin = Stopwatch.GetTimestamp();

    public StatisticsTimeline(RequestStatistics statistics, TimeSpan interval)
    {
        _statistics = statistics;
        _timer = new Timer(_ => Sample(), null, interval, interval);
    }

    /// <summary>The samples taken after <paramref name="since"/> (time since the last reset), oldest first.</summary>
    public IReadOnlyList<EmulatorSample> Since(TimeSpan since)
    {
        lock (_gate)
        {
            var samples = new List<EmulatorSample>(_samples.Count);
            foreach (EmulatorSample sample in _samples)
            {
                if (sample.Elapsed > since)
                {
                    samples.Add(sample);
                }
            }

            return samples;
        }
    }

    /// <summary>Drops the samples and restarts the clock (statistics reset).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _samples.Clear();
            _origin = Stopwatch.GetTimestamp();
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        lock (_gate)
        {
            // Whole milliseconds: what the admin API prints is exactly what "since" compares with.
            var sample = new EmulatorSample(
                TimeSpan.FromMilliseconds(Math.Round(Stopwatch.GetElapsedTime(_origin).TotalMilliseconds)),
                _statistics.RequestCount,
                _statistics.UploadBodyBytesRead,
                _statistics.LinkBytesReceived,
                _statistics.LinkBytesSent,
                _statistics.InProgress,
                _statistics.TakeIntervalMaxInProgress(),
                _statistics.ConnectionsOpen);
            if (_samples.Count == Capacity)
            {
                _samples.Dequeue();
            }

            _samples.Enqueue(sample);
        }
    }
}
