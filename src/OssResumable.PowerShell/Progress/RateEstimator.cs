using System;
using System.Collections.Generic;

namespace OssResumable.PowerShell.Progress;

/// <summary>
/// Transfer rate over a sliding window (default 10 s): recent enough to follow a changing link,
/// long enough not to jump with every part. Not thread-safe; the tracker serialises calls.
/// </summary>
internal sealed class RateEstimator
{
    private readonly TimeSpan _window;
    private readonly List<KeyValuePair<TimeSpan, long>> _samples = new();

    /// <summary>Creates an estimator.</summary>
    /// <param name="window">The averaging window.</param>
    public RateEstimator(TimeSpan window)
    {
        _window = window;
    }

    /// <summary>Adds a sample of the running byte total.</summary>
    /// <param name="now">Monotonic time.</param>
    /// <param name="totalBytes">Bytes transferred so far.</param>
    public void Add(TimeSpan now, long totalBytes)
    {
        _samples.Add(new KeyValuePair<TimeSpan, long>(now, totalBytes));

        // Drop the oldest sample only while the next one still spans the whole window, so the rate
        // is always measured over at least the window once that much time has passed.
        while (_samples.Count > 2 && now - _samples[1].Key >= _window)
        {
            _samples.RemoveAt(0);
        }
    }

    /// <summary>
    /// Bytes per second over the window, or null until at least one second of samples exists
    /// (a rate from a few milliseconds would be noise). Never negative (retries can lower the total).
    /// </summary>
    /// <param name="now">Monotonic time.</param>
    /// <param name="totalBytes">Bytes transferred so far.</param>
    /// <returns>The rate or null.</returns>
    public double? BytesPerSecond(TimeSpan now, long totalBytes)
    {
        if (_samples.Count == 0)
        {
            return null;
        }

        KeyValuePair<TimeSpan, long> oldest = _samples[0];
        double seconds = (now - oldest.Key).TotalSeconds;
        if (seconds < 1)
        {
            return null;
        }

        return Math.Max(0, (totalBytes - oldest.Value) / seconds);
    }
}
