using System;
using System.Collections.Generic;
using OssResumable.Emulator.Cli;
using OssResumable.Emulator.Link;

namespace OssResumable.Emulator;

/// <summary>
/// The network between the clients and the emulator, so that a client on loopback sees what it
/// would see across a long fat pipe to a far OSS region: each connection carries at most
/// <see cref="PerConnectionBytesPerSecond"/>, every request pays <see cref="RoundTrip"/> before its
/// answer (a new connection one more for the TCP handshake; TLS handshakes their own round trips),
/// and all connections together share <see cref="TotalBytesPerSecond"/> fairly. Zero means "not
/// limited" for each setting; <see cref="None"/> (all zero) is plain loopback.
/// </summary>
/// <remarks>
/// The per-connection rate stands for what one TCP connection achieves across the path: its window
/// divided by the round trip (a 640 KB window at 40 ms carries 16 MB/s), whatever the link's total.
/// Rates apply to each direction separately (a full-duplex link): request bytes (uploads) and response
/// bytes (downloads) each have their own per-connection budget and their own total. The round trip is
/// charged on the way in (request bytes reach the server one round trip after the client sent them;
/// answers leave at once), which gives every request-response exchange the same cost as a real path.
/// All bytes on the port cross the link: headers, bodies, TLS records and the admin API alike.
/// See docs/emulator.md ("Link model") for the model and what it leaves out.
/// </remarks>
public sealed class EmulatorLink : IEquatable<EmulatorLink>
{
    /// <summary>Smallest accepted non-zero rate: 1 KB/s.</summary>
    public const long MinBytesPerSecond = 1000;

    /// <summary>Largest accepted rate: 100 GB/s.</summary>
    public const long MaxBytesPerSecond = 100_000_000_000;

    /// <summary>Largest accepted round trip: 10 seconds.</summary>
    public static readonly TimeSpan MaxRoundTrip = TimeSpan.FromSeconds(10);

    /// <summary>Creates a link.</summary>
    /// <param name="perConnectionBytesPerSecond">Bytes per second one connection carries in each direction; 0 = not limited.</param>
    /// <param name="roundTrip">Round-trip time added to every request; zero = none.</param>
    /// <param name="totalBytesPerSecond">Bytes per second all connections together carry in each direction; 0 = not limited.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is neither 0 nor within 1 KB/s..100 GB/s, or the round trip is negative or over 10 s.</exception>
    public EmulatorLink(long perConnectionBytesPerSecond, TimeSpan roundTrip, long totalBytesPerSecond)
    {
        if (Problem(perConnectionBytesPerSecond, roundTrip, totalBytesPerSecond) is (string parameter, string message))
        {
            throw new ArgumentOutOfRangeException(parameter, message);
        }

        PerConnectionBytesPerSecond = perConnectionBytesPerSecond;
        RoundTrip = roundTrip;
        TotalBytesPerSecond = totalBytesPerSecond;
    }

    /// <summary>No link model: plain loopback.</summary>
    public static EmulatorLink None { get; } = new(0, TimeSpan.Zero, 0);

    /// <summary>Bytes per second one connection carries in each direction; 0 = not limited.</summary>
    public long PerConnectionBytesPerSecond { get; }

    /// <summary>Round-trip time: added before every answer, and once more to a new connection's first request.</summary>
    public TimeSpan RoundTrip { get; }

    /// <summary>Bytes per second all connections together carry in each direction, shared fairly; 0 = not limited.</summary>
    public long TotalBytesPerSecond { get; }

    /// <summary>Whether every setting is "not limited" (plain loopback).</summary>
    public bool IsNone => PerConnectionBytesPerSecond == 0 && TotalBytesPerSecond == 0 && RoundTrip == TimeSpan.Zero;

    /// <summary>
    /// Parses a SPEC: comma-separated <c>name=value</c> pairs, for example
    /// <c>per-connection=16MB/s,rtt=40ms,total=400MB/s</c>. Names: <c>per-connection</c> (a rate),
    /// <c>rtt</c> (a duration: <c>ms</c>, <c>s</c>, <c>us</c>), <c>total</c> (a rate); each optional.
    /// Rates take B/s, KB/s, MB/s, GB/s (powers of 1000), KiB/s, MiB/s, GiB/s (powers of 1024) or
    /// kbit/s, Mbit/s, Gbit/s. <c>none</c> (or an empty SPEC) is <see cref="None"/>.
    /// </summary>
    /// <param name="spec">The SPEC text.</param>
    /// <returns>The link.</returns>
    /// <exception cref="FormatException">The SPEC is malformed or out of range; the message says what to write.</exception>
    public static EmulatorLink Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec) || spec.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        Dictionary<string, string> values = SpecPairs.Parse(spec, "Link SPEC");
        foreach (string name in values.Keys)
        {
            if (name.ToLowerInvariant() is not ("per-connection" or "rtt" or "total"))
            {
                throw new FormatException("Unknown link SPEC name '" + name + "' (per-connection, rtt, total; e.g. per-connection=16MB/s,rtt=40ms,total=400MB/s).");
            }
        }

        long perConnection = values.TryGetValue("per-connection", out string? p) ? LinkUnits.ParseRate(p, "per-connection") : 0;
        TimeSpan roundTrip = values.TryGetValue("rtt", out string? r) ? LinkUnits.ParseDuration(r, "rtt") : TimeSpan.Zero;
        long total = values.TryGetValue("total", out string? t) ? LinkUnits.ParseRate(t, "total") : 0;
        if (Problem(perConnection, roundTrip, total) is (_, string message))
        {
            throw new FormatException("Invalid link SPEC: " + message);
        }

        return new EmulatorLink(perConnection, roundTrip, total);
    }

    /// <summary>The link in SPEC syntax (only the limited settings), or <c>none</c>.</summary>
    /// <returns>For example <c>per-connection=16MB/s,rtt=40ms,total=400MB/s</c>.</returns>
    public override string ToString()
    {
        if (IsNone)
        {
            return "none";
        }

        var parts = new List<string>(3);
        if (PerConnectionBytesPerSecond > 0)
        {
            parts.Add("per-connection=" + LinkUnits.FormatRate(PerConnectionBytesPerSecond));
        }

        if (RoundTrip > TimeSpan.Zero)
        {
            parts.Add("rtt=" + LinkUnits.FormatDuration(RoundTrip));
        }

        if (TotalBytesPerSecond > 0)
        {
            parts.Add("total=" + LinkUnits.FormatRate(TotalBytesPerSecond));
        }

        return string.Join(',', parts);
    }

    /// <inheritdoc/>
    public bool Equals(EmulatorLink? other) =>
        other is not null && other.PerConnectionBytesPerSecond == PerConnectionBytesPerSecond && other.RoundTrip == RoundTrip && other.TotalBytesPerSecond == TotalBytesPerSecond;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EmulatorLink);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(PerConnectionBytesPerSecond, RoundTrip, TotalBytesPerSecond);

    private static (string Parameter, string Message)? Problem(long perConnection, TimeSpan roundTrip, long total)
    {
        const string Rate = " must be 0 (not limited) or between 1 KB/s and 100 GB/s.";
        if (perConnection != 0 && (perConnection < MinBytesPerSecond || perConnection > MaxBytesPerSecond))
        {
            return ("perConnectionBytesPerSecond", "The per-connection rate" + Rate);
        }

        if (total != 0 && (total < MinBytesPerSecond || total > MaxBytesPerSecond))
        {
            return ("totalBytesPerSecond", "The total rate" + Rate);
        }

        return roundTrip < TimeSpan.Zero || roundTrip > MaxRoundTrip
            ? ("roundTrip", "The round trip must be between 0 and 10 s.")
            : null;
    }
}
