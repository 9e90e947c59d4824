using System;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading;
using OssResumable.Emulator.Http;

namespace OssResumable.Emulator.Link;

/// <summary>
/// The link model of one emulator: the current <see cref="EmulatorLink"/> (changeable at any time;
/// open connections follow the change from their next bytes on) and the two shared schedules of the
/// total bandwidth, one per direction. Every accepted connection's transport is wrapped by
/// <see cref="Wrap"/>; while the link is <see cref="EmulatorLink.None"/> the wrappers only count bytes.
/// </summary>
internal sealed class LinkShaper
{
    private const int MinQuantum = 4 * 1024;
    private const int MaxQuantum = 256 * 1024;
    private const int UnlimitedQuantum = 1024 * 1024;
    private const int MinReceiveBuffer = 64 * 1024;
    private const int MaxReceiveBuffer = 4 * 1024 * 1024;

    private EmulatorLink _link;

    public LinkShaper(EmulatorLink link, RequestStatistics statistics)
    {
        _link = link;
        Statistics = statistics;
    }

    public EmulatorLink Link
    {
        get => Volatile.Read(ref _link);
        set => Volatile.Write(ref _link, value ?? throw new ArgumentNullException(nameof(value)));
    }

    public RequestStatistics Statistics { get; }

    /// <summary>The total bandwidth's schedule for request bytes (client to emulator).</summary>
    public PacingClock UploadTotal { get; } = new();

    /// <summary>The total bandwidth's schedule for response bytes (emulator to client).</summary>
    public PacingClock DownloadTotal { get; } = new();

    /// <summary>
    /// Bytes paced as one step: about 5 ms at the slowest applicable rate, within 4–256 KiB, so a
    /// shaped connection takes at most a few hundred timer waits per second and the total is
    /// handed out among connections in small turns.
    /// </summary>
    public static int Quantum(EmulatorLink link)
    {
        long rate = SlowestRate(link);
        return rate == 0 ? UnlimitedQuantum : (int)Math.Clamp(rate / 200, MinQuantum, MaxQuantum);
    }

    /// <summary>
    /// How many bytes a connection may have crossing the link at once (booked but not yet arrived):
    /// its bandwidth-delay product plus two steps, i.e. the TCP window the per-connection rate stands
    /// for. It bounds how far ahead a connection books the shared total (so connections take turns)
    /// and how much a client can park in the emulator's receive buffer. <see cref="long.MaxValue"/>
    /// when no rate applies.
    /// </summary>
    public static long Window(EmulatorLink link)
    {
        long rate = link.PerConnectionBytesPerSecond > 0 ? link.PerConnectionBytesPerSecond : link.TotalBytesPerSecond;
        return rate == 0 ? long.MaxValue : (long)(rate * link.RoundTrip.TotalSeconds) + (2L * Quantum(link));
    }

    /// <summary>
    /// How many bytes a connection may have booked that the server has not consumed yet: the window
    /// plus 1 MiB (what Kestrel's own transport buffer would hold), or 5 MiB when no rate applies.
    /// Like a TCP receive buffer, it stops the link when the server reads slowly (a throttle fault,
    /// a slow disk), so the link's buffer never holds more than this per connection.
    /// </summary>
    public static long ReceiveBuffer(EmulatorLink link)
    {
        long window = Window(link);
        return (window == long.MaxValue ? 4L * 1024 * 1024 : window) + (1024 * 1024);
    }

    /// <summary>Stopwatch ticks of the round trip.</summary>
    public static long RoundTripTicks(EmulatorLink link) => (long)(link.RoundTrip.TotalSeconds * Stopwatch.Frequency);

    /// <summary>When <paramref name="bytes"/>, ready to send at <paramref name="ready"/>, will have crossed both this connection's link and the shared total.</summary>
    public static long Finish(PacingClock connection, PacingClock total, long bytes, EmulatorLink link, long ready)
    {
        long finish = connection.Reserve(bytes, link.PerConnectionBytesPerSecond, ready);
        return link.TotalBytesPerSecond > 0 ? Math.Max(finish, total.Reserve(bytes, link.TotalBytesPerSecond, ready)) : finish;
    }

    /// <summary>
    /// Wraps a new connection's transport. With a round trip, the connection's first bytes arrive
    /// one round trip later than on an open connection (the TCP handshake). With a window, the
    /// socket's receive buffer is kept near it, so a client cannot park megabytes in the
    /// emulator's kernel buffers ahead of the link (loopback would otherwise let the buffer grow to tens of MB).
    /// </summary>
    public IDuplexPipe Wrap(IDuplexPipe transport, Socket? socket)
    {
        EmulatorLink link = Link;
        long now = Stopwatch.GetTimestamp();
        long window = Window(link);
        if (socket is not null && window != long.MaxValue)
        {
            try
            {
                socket.ReceiveBufferSize = (int)Math.Clamp(window, MinReceiveBuffer, MaxReceiveBuffer);
            }
            catch (SocketException)
            {
                // Only a refinement; the pacing does not depend on it.
            }
        }

        return new ShapedTransport(
            new ShapedPipeReader(transport.Input, this, new PacingClock(busyUntil: now + RoundTripTicks(link))),
            new ShapedPipeWriter(transport.Output, this));
    }

    private static long SlowestRate(EmulatorLink link) =>
        (link.PerConnectionBytesPerSecond, link.TotalBytesPerSecond) switch
        {
            (0, long total) => total,
            (long perConnection, 0) => perConnection,
            (long perConnection, long total) => Math.Min(perConnection, total),
        };
}
