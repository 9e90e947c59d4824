using System;

namespace OssResumable.PowerShell.Tests.Progress;

/// <summary>A monotonic clock the test advances.</summary>
internal sealed class ManualClock
{
    public TimeSpan Now { get; private set; }

    public void Advance(TimeSpan by) => Now += by;

    public TimeSpan Read() => Now;
}
