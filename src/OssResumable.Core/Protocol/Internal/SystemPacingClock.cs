using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>The monotonic clock (<see cref="Stopwatch"/>) and timer waits on the process's one pacing thread (<see cref="PacingTimer"/>).</summary>
internal sealed class SystemPacingClock : IPacingClock
{
    public static readonly SystemPacingClock Instance = new();

    private SystemPacingClock()
    {
    }

    public double NowSeconds => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => PacingTimer.Shared.DelayAsync(delay, cancellationToken);
}
