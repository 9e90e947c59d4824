using System;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>Time for pacing (the bandwidth cap, adaptive concurrency): real in use, simulated in tests.</summary>
internal interface IPacingClock
{
    /// <summary>Seconds since an arbitrary origin; never goes back.</summary>
    double NowSeconds { get; }

    /// <summary>Waits <paramref name="delay"/>.</summary>
    Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);
}
