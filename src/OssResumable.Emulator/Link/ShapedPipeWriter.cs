using System;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Emulator.Link;

/// <summary>
/// The response direction of a shaped connection: each flush is held until the link has carried its
/// bytes at the per-connection rate and within the shared total (download direction). No round
/// trip is added here — <see cref="ShapedPipeReader"/> charges all of it on the way in. The pacing
/// unit is one flush of the server (up to 1 MiB for object bodies, a TLS record over HTTPS), so a
/// download's rate is right on average and its first bytes may come that much late.
/// </summary>
internal sealed class ShapedPipeWriter : PipeWriter
{
    private readonly PipeWriter _inner;
    private readonly LinkShaper _shaper;
    private readonly PacingClock _clock = new();
    private readonly LinkWait _wait = new();
    private long _unflushed;
    private long _lateness;

    public ShapedPipeWriter(PipeWriter inner, LinkShaper shaper)
    {
        _inner = inner;
        _shaper = shaper;
    }

    public override bool CanGetUnflushedBytes => _inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => _inner.UnflushedBytes;

    public override void Advance(int bytes)
    {
        _inner.Advance(bytes);
        _unflushed += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => _inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => _inner.GetSpan(sizeHint);

    public override void CancelPendingFlush()
    {
        _wait.Cancel();
        _inner.CancelPendingFlush();
    }

    public override void Complete(Exception? exception = null)
    {
        _wait.Cancel();
        _inner.Complete(exception);
    }

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        _wait.Cancel();
        return _inner.CompleteAsync(exception);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        long bytes = _unflushed;
        _unflushed = 0;
        _shaper.Statistics.AddLinkSent(bytes);
        EmulatorLink link = _shaper.Link;
        if (bytes == 0 || (link.PerConnectionBytesPerSecond == 0 && link.TotalBytesPerSecond == 0))
        {
            // A CancelPendingFlush meanwhile is the inner writer's to report.
            _wait.TakeCancellation();
            return _inner.FlushAsync(cancellationToken);
        }

        // The server would have written these bytes that much earlier had the last timer been on time.
        long ready = Stopwatch.GetTimestamp() - _lateness;
        long finish = LinkShaper.Finish(_clock, _shaper.DownloadTotal, bytes, link, ready);
        return PacedFlushAsync(finish, cancellationToken);
    }

    private async ValueTask<FlushResult> PacedFlushAsync(long finish, CancellationToken cancellationToken)
    {
        await _wait.WaitUntilAsync(finish, cancellationToken);
        _lateness = Math.Max(0, Stopwatch.GetTimestamp() - finish);
        if (_wait.TakeCancellation())
        {
            // The bytes stay written; the next flush sends them.
            return new FlushResult(isCanceled: true, isCompleted: false);
        }

        return await _inner.FlushAsync(cancellationToken);
    }
}
