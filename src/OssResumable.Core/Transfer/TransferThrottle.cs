using System;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Transfer;

/// <summary>
/// A concurrency budget shared by uploads: at most <see cref="MaxConcurrency"/> data requests
/// (PutObject and UploadPart) run at once across every upload that uses this throttle, whatever
/// each file's own thread count. Share one instance when uploading many files at once, so that a
/// pipeline of thousands of small files runs in parallel without overrunning the link.
/// Small control requests (Initiate, ListParts, Complete, HEAD, Abort) do not take a slot.
/// </summary>
public sealed class TransferThrottle
{
    /// <summary>Largest accepted <see cref="MaxConcurrency"/>.</summary>
    public const int MaxAllowedConcurrency = 1024;

    private readonly SemaphoreSlim _slots;

    /// <summary>Creates a throttle.</summary>
    /// <param name="maxConcurrency">Data requests allowed at once, 1 to 1024. Keep it at most the client's <c>MaxConnectionsPerServer</c>.</param>
    public TransferThrottle(int maxConcurrency)
    {
        if (maxConcurrency < 1 || maxConcurrency > MaxAllowedConcurrency)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrency), maxConcurrency, "The concurrency must be between 1 and 1024.");
        }

        MaxConcurrency = maxConcurrency;
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    /// <summary>Data requests allowed at once.</summary>
    public int MaxConcurrency { get; }

    /// <summary>Slots currently taken.</summary>
    public int InUse => MaxConcurrency - _slots.CurrentCount;

    /// <summary>Waits for a free slot. Dispose the returned lease to give the slot back (disposing twice is harmless).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The lease.</returns>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(_slots);
    }

    private sealed class Lease : IDisposable
    {
        private SemaphoreSlim? _slots;

        public Lease(SemaphoreSlim slots)
        {
            _slots = slots;
        }

        public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
    }
}
