using System;
using System.Threading;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// One slot of a <see cref="TransferThrottle"/>, held while a data request runs: counts the request's bytes
/// and, when disposed at the request's end, tells an adaptive throttle what it carried and gives the slot back.
/// </summary>
internal sealed class TransferSlot : IDisposable
{
    private readonly double _grantedAt;
    private TransferThrottle? _throttle;
    private long _bytes;

    public TransferSlot(TransferThrottle throttle, double grantedAt)
    {
        _throttle = throttle;
        _grantedAt = grantedAt;
    }

    /// <summary>Progress of the slot's request (deltas; negative when a failed attempt's bytes are taken back).</summary>
    public void OnBytes(long bytes) => Interlocked.Add(ref _bytes, bytes);

    /// <summary>The request ended; <paramref name="succeeded"/> says whether its bytes were acknowledged.</summary>
    public void Finish(bool succeeded)
    {
        TransferThrottle? throttle = Interlocked.Exchange(ref _throttle, null);
        if (throttle is null)
        {
            return;
        }

        throttle.OnRequestFinished(_grantedAt, succeeded ? Interlocked.Read(ref _bytes) : 0);
        throttle.Release();
    }

    /// <summary>Gives the slot back without a measurement if <see cref="Finish"/> was not called (the request failed or was cancelled).</summary>
    public void Dispose() => Finish(succeeded: false);
}
