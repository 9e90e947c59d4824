using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Emulator.Link;

/// <summary>
/// The request direction of a shaped connection: shows the server the client's bytes only once the
/// link has carried them. The client's bytes are booked in steps (<see cref="LinkShaper.Quantum"/>)
/// on the connection's schedule and on the shared total, at most a window ahead, moved out of the
/// transport into the link's own buffer (so the transport keeps reading from the socket, whatever the
/// window), and become visible one round trip after their crossing ends. While the link is
/// <see cref="EmulatorLink.None"/> the transport's buffer is handed through untouched.
/// </summary>
/// <remarks>
/// <para>
/// Offsets count from the start of the connection. Shaped, the transport's buffer starts at
/// <see cref="_booked"/> (what is not booked yet) and the link's buffer at <see cref="_consumed"/>;
/// the consumer may see bytes up to <see cref="_delivered"/>.
/// </para>
/// <para>
/// A step is booked from the moment its bytes were there to send, not from when this code got round
/// to it: bytes that woke an idle reader arrived then; bytes first seen after a timer wait or while
/// the server was busy elsewhere are taken to have arrived right after the previous look (a bulk
/// sender's bytes do). So late timers and a busy server cost no link time, as with a real socket
/// whose receive buffer fills while the application is away.
/// </para>
/// </remarks>
internal sealed class ShapedPipeReader : PipeReader
{
    private readonly PipeReader _inner;
    private readonly LinkShaper _shaper;
    private readonly PacingClock _clock;
    private readonly LinkWait _wait = new();
    private readonly CongestionWindow _congestion = new();
    private readonly Pipe _carried = new(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: 64 * 1024, useSynchronizationContext: false));
    private readonly Queue<(long End, long Due)> _inFlight = new();
    private readonly Queue<(long End, long Ready)> _arrivals = new();
    private ReadOnlySequence<byte> _buffer;
    private bool _shaping;
    private bool _showingCarried;
    private bool _innerCompleted;
    private long _consumed;
    private long _examined;
    private long _seen;
    private long _booked;
    private long _delivered;
    private long _lastDue;
    private bool _waitingForRoom;
    private long _lastLook = Stopwatch.GetTimestamp();

    public ShapedPipeReader(PipeReader inner, LinkShaper shaper, PacingClock clock)
    {
        _inner = inner;
        _shaper = shaper;
        _clock = clock;
    }

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (!Shaping())
            {
                ReadResult plain = await _inner.ReadAsync(cancellationToken);
                if (_shaper.Link.IsNone)
                {
                    return PassThrough(plain);
                }

                // The link was set while this read waited for the client: the new bytes cross it.
                StartShaping(plain);
            }
            else
            {
                // Wait for the client only when nothing is on its way or waiting to be booked; otherwise take what is there.
                bool idle = _inFlight.Count == 0 && _seen == _booked && _delivered <= _examined && !_innerCompleted;
                if (idle)
                {
                    TakeIn(await _inner.ReadAsync(cancellationToken), idle);
                }
                else if (_inner.TryRead(out ReadResult inner))
                {
                    TakeIn(inner, idle);
                }
            }

            if (TryShow(out ReadResult shown))
            {
                return shown;
            }

            // Not shown: the client's bytes are on their way (an idle read only returns with new ones).
            long due = _inFlight.TryPeek(out (long End, long Due) next) ? next.Due : throw new InvalidOperationException("The link holds bytes that are not in flight.");
            await _wait.WaitUntilAsync(due, cancellationToken);
        }
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!Shaping())
        {
            if (!_inner.TryRead(out ReadResult plain))
            {
                result = default;
                return false;
            }

            if (_shaper.Link.IsNone)
            {
                result = PassThrough(plain);
                return true;
            }

            StartShaping(plain);
        }
        else if (_inner.TryRead(out ReadResult taken))
        {
            TakeIn(taken, idle: false);
        }

        return TryShow(out result);
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        // Measured before the pipe may recycle the buffer's segments.
        long consumedBytes = _buffer.Slice(_buffer.Start, consumed).Length;
        long examinedBytes = _buffer.Slice(_buffer.Start, examined).Length;
        _examined = Math.Max(_examined, _consumed + examinedBytes);
        _consumed += consumedBytes;
        _buffer = default;
        (_showingCarried ? _carried.Reader : _inner).AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead()
    {
        _wait.Cancel();
        _inner.CancelPendingRead();
    }

    public override void Complete(Exception? exception = null)
    {
        _wait.Cancel();
        _carried.Reader.Complete();
        _carried.Writer.Complete();
        _inner.Complete(exception);
    }

    /// <summary>
    /// Whether this read goes through the link. A change of link takes effect between reads (and
    /// for a plain read that was waiting when the link was set, see <see cref="StartShaping"/>):
    /// back to plain once everything the link carries has been consumed.
    /// </summary>
    private bool Shaping()
    {
        bool none = _shaper.Link.IsNone;
        if (_shaping && none && _inFlight.Count == 0 && _consumed == _booked)
        {
            _shaping = false;
        }
        else if (!_shaping && !none && _delivered == _consumed)
        {
            // Nothing shown is left unconsumed: the transport's buffer starts where the link begins.
            // (Otherwise the plain read that follows switches, with the shown bytes in hand.)
            _shaping = true;
            _arrivals.Clear();
            _seen = _booked = _delivered;
        }

        return _shaping;
    }

    /// <summary>
    /// Switches to shaped reads with the transport's buffer in hand: what the consumer was already
    /// shown moves into the link's buffer as delivered; the rest is new and crosses the link.
    /// </summary>
    private void StartShaping(ReadResult inner)
    {
        _shaping = true;
        _arrivals.Clear();
        long shown = _delivered - _consumed;
        Carry(inner.Buffer.Slice(0, shown));
        _seen = _booked = _delivered;
        TakeIn(new ReadResult(inner.Buffer.Slice(shown), inner.IsCanceled, inner.IsCompleted), idle: true);
    }

    private ReadResult PassThrough(ReadResult result)
    {
        _buffer = result.Buffer;
        _showingCarried = false;
        long available = _consumed + result.Buffer.Length;
        _shaper.Statistics.AddLinkReceived(available - _delivered);
        _seen = _booked = _delivered = available;
        return _wait.TakeCancellation() && !result.IsCanceled ? new ReadResult(result.Buffer, isCanceled: true, result.IsCompleted) : result;
    }

    /// <summary>Notes when the transport's new bytes arrived, books what the window allows and moves it into the link's buffer.</summary>
    private void TakeIn(ReadResult inner, bool idle)
    {
        ReadOnlySequence<byte> buffer = inner.Buffer;
        long now = Stopwatch.GetTimestamp();
        long available = _booked + buffer.Length;
        if (available > _seen)
        {
            _arrivals.Enqueue((available, idle ? now : _lastLook));
            _seen = available;
        }

        _lastLook = now;
        long taken = Book(_shaper.Link, available) - (available - buffer.Length);
        Carry(buffer.Slice(0, taken));

        // Unbooked bytes stay unexamined, so the next TryRead returns them.
        _inner.AdvanceTo(buffer.GetPosition(taken));
        _innerCompleted |= inner.IsCompleted && taken == buffer.Length;
        if (inner.IsCanceled)
        {
            _wait.Cancel();
        }
    }

    private void Carry(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        foreach (ReadOnlyMemory<byte> segment in bytes)
        {
            _carried.Writer.Write(segment.Span);
        }

        // Never pauses (no threshold): the window bounds what the link's buffer holds.
        _carried.Writer.FlushAsync().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Books received bytes on the link, step by step, while the congestion window, the window and
    /// the receive buffer have room — or, with nothing in flight, while the server waits for more (it
    /// must never starve); returns the new booked end. Steps that had to wait for room start no
    /// earlier than the latest arrival, which made the room.
    /// </summary>
    private long Book(EmulatorLink link, long available)
    {
        int quantum = LinkShaper.Quantum(link);
        long window = LinkShaper.Window(link);
        long receiveBuffer = LinkShaper.ReceiveBuffer(link);
        long roundTrip = LinkShaper.RoundTripTicks(link);
        bool waitedForRoom = _waitingForRoom;
        _waitingForRoom = false;
        while (_booked < available)
        {
            while (_arrivals.Peek().End <= _booked)
            {
                _arrivals.Dequeue();
            }

            long arrived = _arrivals.Peek().Ready;
            long ready = waitedForRoom ? Math.Max(arrived, _congestion.OpenedAt) : arrived;
            if (_inFlight.Count == 0)
            {
                _congestion.RestartAfterIdle(ready, roundTrip);
            }

            long room = Math.Min(Math.Min(window, _congestion.Bytes) - (_booked - _delivered), receiveBuffer - (_booked - _consumed));
            bool starving = _inFlight.Count == 0 && _delivered <= _examined;
            if (room <= 0 && !starving)
            {
                _waitingForRoom = true;
                break;
            }

            long bytes = Math.Min(Math.Min(quantum, available - _booked), Math.Max(room, CongestionWindow.SegmentSize));
            long finish = LinkShaper.Finish(_clock, _shaper.UploadTotal, bytes, link, ready);
            _lastDue = Math.Max(finish + roundTrip, _lastDue);
            _booked += bytes;
            _inFlight.Enqueue((_booked, _lastDue));
        }

        return _booked;
    }

    /// <summary>Delivers what has arrived; returns the consumer's view when there is something new (or an end or a cancellation) to show.</summary>
    private bool TryShow(out ReadResult shown)
    {
        long now = Stopwatch.GetTimestamp();
        long window = LinkShaper.Window(_shaper.Link);
        while (_inFlight.TryPeek(out (long End, long Due) step) && step.Due <= now + LinkWait.Tolerance)
        {
            _inFlight.Dequeue();
            _shaper.Statistics.AddLinkReceived(step.End - _delivered);
            _congestion.Acknowledge(step.End - _delivered, step.Due, window);
            _delivered = step.End;
        }

        bool canceled = _wait.TakeCancellation();
        bool completed = _innerCompleted && _delivered == _booked;
        if (!canceled && !completed && _delivered <= _examined)
        {
            shown = default;
            return false;
        }

        if (completed)
        {
            _carried.Writer.Complete();
        }

        if (canceled)
        {
            _carried.Reader.CancelPendingRead();
        }

        if (!_carried.Reader.TryRead(out ReadResult carried))
        {
            throw new InvalidOperationException("The link's buffer lost bytes it was carrying.");
        }

        _buffer = carried.Buffer;
        _showingCarried = true;
        shown = new ReadResult(carried.Buffer.Slice(0, _delivered - _consumed), canceled, completed);
        return true;
    }
}
