using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// HTTP content that streams a <see cref="RequestBody"/> to the connection in one pass, computing
/// its CRC-64 and reporting progress as bytes are written. Always has a Content-Length (no
/// chunked encoding). If the handler serializes it again (a connection retry), it starts over from
/// a fresh stream and takes back the progress it had reported.
/// </summary>
internal sealed class UploadContent : HttpContent
{
    private const int BufferSize = 128 * 1024;

    private readonly RequestBody _body;
    private readonly Action<long>? _progress;
    private readonly IdleWatchdog _watchdog;
    private readonly BandwidthLimiter? _limiter;
    private readonly object _progressLock = new();
    private long _reported;

    public UploadContent(RequestBody body, Action<long>? progress, IdleWatchdog watchdog, BandwidthLimiter? limiter)
    {
        _body = body;
        _progress = progress;
        _watchdog = watchdog;
        _limiter = limiter;
    }

    /// <summary>CRC-64 of the bytes written by the last complete serialization.</summary>
    public ulong Crc64 { get; private set; }

    /// <summary>True when the last serialization wrote the whole body.</summary>
    public bool Completed { get; private set; }

    /// <summary>
    /// A failure of the body source itself (file missing, unreadable or shorter than expected), as
    /// opposed to the network. Such failures are not retried.
    /// </summary>
    public Exception? SourceFailure { get; private set; }

    /// <summary>Takes back all progress reported so far (reports its negative).</summary>
    public void RollbackProgress()
    {
        lock (_progressLock)
        {
            if (_reported != 0 && _progress is not null)
            {
                _progress(-_reported);
            }

            _reported = 0;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => WriteBodyAsync(stream, _watchdog.Token);

#if NET8_0_OR_GREATER
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        WriteBodyAsync(stream, cancellationToken);
#endif

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }

    private async Task WriteBodyAsync(Stream destination, CancellationToken cancellationToken)
    {
        RollbackProgress();
        Completed = false;
        Crc64 = 0;

        Stream source;
        try
        {
            source = _body.OpenStream();
        }
        catch (Exception ex)
        {
            SourceFailure = ex;
            throw;
        }

        int chunk = BufferSize;
        long credit = 0;
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(chunk, Math.Max(_body.Length, 1)));
        try
        {
            ulong crc = 0;
            long remaining = _body.Length;
            while (remaining > 0)
            {
                int read = await ReadSourceAsync(source, buffer, chunk, remaining, cancellationToken).ConfigureAwait(false);
                crc = Hashing.Crc64.Append(crc, new ReadOnlySpan<byte>(buffer, 0, read));
                credit = await WaitForCapAsync(read, remaining, credit, cancellationToken).ConfigureAwait(false);
                await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                remaining -= read;
                _watchdog.Reset();
                Report(read);
            }

            Crc64 = crc;
            Completed = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            source.Dispose();
        }
    }

    // Under a bandwidth cap, bytes are booked a reservation at a time (several 128 KiB writes) and a write
    // waits only when its booking runs out; returns the booked bytes left. The idle timeout does not run
    // while waiting: with many parts sharing a low cap a turn can take longer than the timeout.
    private async Task<long> WaitForCapAsync(int bytes, long remaining, long credit, CancellationToken cancellationToken)
    {
        if (_limiter is null)
        {
            return 0;
        }

        if (credit >= bytes)
        {
            return credit - bytes;
        }

        // Never book beyond the end of the body: what is booked is sent.
        int reserve = (int)Math.Min(Math.Max(bytes - credit, _limiter.ReservationBytes), remaining - credit);
        TimeSpan wait = _limiter.Reserve(reserve);
        if (wait > TimeSpan.Zero)
        {
            _watchdog.Suspend();
            try
            {
                await _limiter.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _watchdog.ResetNow();
            }
        }

        return credit + reserve - bytes;
    }

    private async Task<int> ReadSourceAsync(Stream source, byte[] buffer, int chunk, long remaining, CancellationToken cancellationToken)
    {
        int read;
        try
        {
            read = await source.ReadAsync(buffer, 0, (int)Math.Min(Math.Min(buffer.Length, chunk), remaining), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SourceFailure = ex;
            throw;
        }

        if (read == 0)
        {
            var truncated = new IOException(
                "The upload source ended " + remaining + " bytes early (the body should be " + _body.Length +
                " bytes). The file was probably truncated while it was being uploaded.");
            SourceFailure = truncated;
            throw truncated;
        }

        return read;
    }

    private void Report(int bytes)
    {
        if (_progress is null)
        {
            return;
        }

        lock (_progressLock)
        {
            _reported += bytes;
            _progress(bytes);
        }
    }
}
