using System;
using System.Threading;

namespace OssResumable.Emulator.Http;

/// <summary>The emulator's notion of "now": real UTC time plus an adjustable offset (clock-skew fault).</summary>
internal sealed class EmulatorClock
{
    private readonly TimeProvider _time;
    private long _offsetTicks;

    public EmulatorClock(TimeProvider time, TimeSpan offset)
    {
        _time = time;
        _offsetTicks = offset.Ticks;
    }

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public DateTimeOffset UtcNow => _time.GetUtcNow() + Offset;
}
