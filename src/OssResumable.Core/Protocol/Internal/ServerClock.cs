using System;
using System.Threading;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// The time requests are signed with: the local clock plus an offset learnt from the server's
/// <c>Date</c> header after a <c>RequestTimeTooSkewed</c> error. The offset is kept for every later
/// request of the client.
/// </summary>
internal sealed class ServerClock
{
    private readonly Func<DateTimeOffset> _localUtcNow;
    private long _offsetTicks;

    public ServerClock(Func<DateTimeOffset>? localUtcNow = null)
    {
        _localUtcNow = localUtcNow ?? (() => DateTimeOffset.UtcNow);
    }

    /// <summary>Current offset added to the local clock.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>The local time without correction.</summary>
    public DateTimeOffset LocalUtcNow => _localUtcNow();

    /// <summary>The corrected time to sign with.</summary>
    public DateTimeOffset UtcNow => _localUtcNow().Add(Offset);

    /// <summary>Learns the offset from a server's <c>Date</c> header.</summary>
    /// <param name="serverTime">The server time from the response.</param>
    /// <returns>True when the offset changed (a retry can now succeed).</returns>
    public bool AdjustTo(DateTimeOffset serverTime)
    {
        long offset = (serverTime - _localUtcNow()).Ticks;
        long previous = Interlocked.Exchange(ref _offsetTicks, offset);

        // Date has one-second resolution; an unchanged offset means correcting cannot help.
        return Math.Abs(previous - offset) >= TimeSpan.TicksPerSecond;
    }
}
