using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// Settles the parts of one upload with at most <see cref="UploadContext.Threads"/> of them in flight
/// (and, across uploads, at most the <see cref="TransferThrottle"/>'s slots sending). Workers take
/// the next part from a shared index into a list of at most 10,000 entries, so memory does not grow
/// with the file: each part streams from a window on the file (<see cref="RequestBody.FromFile"/>)
/// and nothing is buffered. The first failure cancels every other part at once.
/// </summary>
internal sealed class PartRunner
{
    private readonly UploadContext _context;
    private readonly string _uploadId;
    private readonly PartSet _parts;
    private readonly IReadOnlyList<PartWork> _work;
    private readonly Action<StoredPart>? _onStored;
    private int _next = -1;
    private Exception? _failure;
    private int _failedPart;

    private PartRunner(UploadContext context, string uploadId, PartSet parts, IReadOnlyList<PartWork> work, Action<StoredPart>? onStored)
    {
        _context = context;
        _uploadId = uploadId;
        _parts = parts;
        _work = work;
        _onStored = onStored;
    }

    /// <summary>
    /// Sends (or verifies) every part in <paramref name="work"/>, adding each to <paramref name="parts"/>
    /// and calling <paramref name="onStored"/> (e.g. to save the checkpoint) as it is confirmed.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="PartFailedException">A part failed; the others were stopped.</exception>
    public static async Task RunAsync(
        UploadContext context, string uploadId, PartSet parts, IReadOnlyList<PartWork> work, Action<StoredPart>? onStored, CancellationToken cancellationToken)
    {
        if (work.Count == 0)
        {
            return;
        }

        var runner = new PartRunner(context, uploadId, parts, work, onStored);
        await runner.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int workers = Math.Min(_context.Threads, _work.Count);
        if (_context.BandwidthLimiter is null)
        {
            // Under a cap the cap, not the link's round trip, sets the rate: a wide start would open up to 128
            // connections that share it, each part taking that many times longer (and an interruption losing
            // that many parts' progress). Auto starts at its usual width and widens only while goodput rises.
            _context.Throttle.OnWorkOffered(workers, _context.ControlRoundTripSeconds);
        }
        var tasks = new Task[workers];
        for (int i = 0; i < workers; i++)
        {
            tasks[i] = Task.Run(() => WorkAsync(stop), CancellationToken.None);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (_failure is not null)
        {
            if (_failure is OperationCanceledException)
            {
                // Not the caller's token (checked above): a timeout inside the client or similar.
                ExceptionDispatchInfo.Capture(_failure).Throw();
            }

            throw new PartFailedException(_failedPart, _failure);
        }
    }

    private async Task WorkAsync(CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested)
        {
            int index = Interlocked.Increment(ref _next);
            if (index >= _work.Count)
            {
                return;
            }

            PartWork item = _work[index];
            try
            {
                await SettleAsync(item, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The failure is kept and rethrown by RunAsync once every worker has stopped.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (Interlocked.CompareExchange(ref _failure, ex, null) is null)
                {
                    _failedPart = item.Range.PartNumber;
                }

                // Stop the other parts at once: retrying them cannot make this upload succeed.
                stop.Cancel();
                return;
            }
        }
    }

    private async Task SettleAsync(PartWork item, CancellationToken token)
    {
        PartRange range = item.Range;
        if (item.Candidate is StoredPart candidate)
        {
            ulong local = await LocalPartChecksum.ComputeAsync(_context.FilePath, range, token).ConfigureAwait(false);
            if (local == candidate.Crc64)
            {
                // Recorded (checkpoint saved) before progress says so: a caller that stops on a progress
                // report finds every reported part in the checkpoint.
                _parts.Add(candidate, sentNow: false);
                _onStored?.Invoke(candidate);
                _context.Progress.PartAlreadyStored(range.Length);
                return;
            }

            _context.Log.Verbose(string.Format(
                CultureInfo.InvariantCulture,
                "Part {0} stored on OSS does not match the local file (CRC-64 {1} on OSS, {2} locally); sending it again.",
                range.PartNumber,
                candidate.Crc64,
                local));
        }

        StoredPart stored;
        using (TransferSlot slot = await _context.Throttle.AcquireSlotAsync(token).ConfigureAwait(false))
        {
            var request = new UploadPartRequest(_context.Bucket, _context.Key, _uploadId, range.PartNumber, RequestBody.FromFile(_context.FilePath, range.Offset, range.Length))
            {
                Progress = _context.ProgressFor(slot),
                BandwidthLimiter = _context.BandwidthLimiter,
                RetryObserver = _context.OnDataRetry,
            };
            stored = await _context.Client.UploadPartAsync(request, token).ConfigureAwait(false);
            slot.Finish(succeeded: true);
        }

        _parts.Add(stored, sentNow: true);
        _onStored?.Invoke(stored);
        _context.Progress.PartSent();
    }
}
