using System;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Tests.Protocol;

/// <summary>A clock that moves only when told to: waits complete at once and advance it by their length.</summary>
internal sealed class SimulatedPacingClock : IPacingClock
{
    public double NowSeconds { get; set; } = 1000;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        NowSeconds += delay.TotalSeconds;
        return Task.CompletedTask;
    }
}
