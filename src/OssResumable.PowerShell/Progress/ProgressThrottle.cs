using System;

namespace OssResumable.PowerShell.Progress;

/// <summary>
/// Lets a progress update through at most once per interval (200 ms: about 5 a second, what
/// PowerShell 7's console renders; Windows PowerShell 5.1 renders every record and slows transfers
/// when flooded, see anchors PowerShell#2138). Used only on the pipeline thread.
/// </summary>
internal sealed class ProgressThrottle
{
    /// <summary>The default interval.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

    private readonly TimeSpan _interval;
    private TimeSpan? _last;

    /// <summary>Creates a throttle.</summary>
    /// <param name="interval">Minimum time between updates.</param>
    public ProgressThrottle(TimeSpan interval)
    {
        _interval = interval;
    }

    /// <summary>True (and the interval restarts) when enough time has passed since the last update.</summary>
    /// <param name="now">Monotonic time.</param>
    /// <returns>Whether to write an update now.</returns>
    public bool TryEnter(TimeSpan now)
    {
        if (_last is TimeSpan last && now - last < _interval)
        {
            return false;
        }

        _last = now;
        return true;
    }
}
