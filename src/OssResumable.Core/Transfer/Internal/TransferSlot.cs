using System;
using System.Threading;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// One slot of a <see cref="TransferThrottle"/>, held while a data request runs: reports the request's
/// bytes (and when it started sending) to an adaptive throttle, and gives the slot back when disposed.
/// </summary>
internal sealed class TransferSlot : IDisposable
{
    private readonly double _grantedAt;
    private TransferThrottle? _throttle;
    private int _started;

    public TransferSlot(TransferThrottle throttle, double grantedAt)
    {
        _throttle = throttle;
        _grantedAt = grantedAt;
    }

    /// <summary>Progress of the slot's request (deltas; negative when a failed attempt's bytes are taken back).</summary>
    public void OnBytes(long bytes)
    {
        TransferThrottle? throttle = Volatile.Read(ref _throttle);
        if (throttle is null || bytes <= 0)
        {
            return;
        }

        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            throttle.OnRequestStarted(throttle.Now - _grantedAt);
        }

        throttle.OnBytes(bytes);
    }

    public void Dispose()
    {
        TransferThrottle? throttle = Interlocked.Exchange(ref _throttle, null);
        if (throttle is null)
        {
            return;
        }

        if (Volatile.Read(ref _started) == 1)
        {
            throttle.OnRequestFinished(throttle.Now - _grantedAt);
        }

        throttle.Release();
    }
}
