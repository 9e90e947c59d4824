using System;

namespace OssResumable.Emulator;

/// <summary>
/// One point of the emulator's timeline (<see cref="OssEmulator.GetTimeline"/>), taken every
/// <see cref="OssEmulator.TimelineInterval"/>: cumulative counters since start or the last
/// statistics reset, and gauges at the moment of the sample. The difference of two samples'
/// counters divided by the difference of their <see cref="Elapsed"/> is a rate, so a benchmark can
/// show how throughput and concurrency evolved during an upload.
/// </summary>
public sealed class EmulatorSample
{
    internal EmulatorSample(TimeSpan elapsed, long requests, long bodyBytesRead, long linkBytesReceived, long linkBytesSent, long requestsInProgress, long maxRequestsInProgress, long connectionsOpen)
    {
        Elapsed = elapsed;
        Requests = requests;
        BodyBytesRead = bodyBytesRead;
        LinkBytesReceived = linkBytesReceived;
        LinkBytesSent = linkBytesSent;
        RequestsInProgress = requestsInProgress;
        MaxRequestsInProgress = maxRequestsInProgress;
        ConnectionsOpen = connectionsOpen;
    }

    /// <summary>Time since the emulator started or its statistics were last reset.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>OSS requests received so far (cumulative).</summary>
    public long Requests { get; }

    /// <summary>PutObject and UploadPart body bytes read so far (cumulative; the payload rate).</summary>
    public long BodyBytesRead { get; }

    /// <summary>Bytes received on the wire so far (cumulative; see <see cref="EmulatorStatistics.LinkBytesReceived"/>).</summary>
    public long LinkBytesReceived { get; }

    /// <summary>Bytes sent on the wire so far (cumulative).</summary>
    public long LinkBytesSent { get; }

    /// <summary>OSS requests in progress at the moment of the sample.</summary>
    public long RequestsInProgress { get; }

    /// <summary>The most OSS requests in progress at once during the interval that ends with this sample.</summary>
    public long MaxRequestsInProgress { get; }

    /// <summary>TCP connections open at the moment of the sample.</summary>
    public long ConnectionsOpen { get; }
}
