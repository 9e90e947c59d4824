using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace OssResumable.Emulator.Http;

/// <summary>Thread-safe request counters behind <see cref="EmulatorStatistics"/> and the timeline.</summary>
internal sealed class RequestStatistics
{
    private readonly ConcurrentDictionary<EmulatorOperation, long> _requests = new();
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);

    // Indexed by operation; updated for every chunk of a body, so a plain array of Interlocked counters.
    private readonly long[] _bodyBytesRead = new long[Enum.GetValues<EmulatorOperation>().Length];
    private long _requestCount;
    private long _bytesReceived;
    private long _bytesSent;
    private long _aborted;
    private long _inProgress;
    private long _maxInProgress;
    private long _intervalMaxInProgress;
    private long _connections;
    private long _connectionsOpen;
    private long _maxConnectionsOpen;
    private long _linkBytesReceived;
    private long _linkBytesSent;

    public long RequestCount => Interlocked.Read(ref _requestCount);

    public long UploadBodyBytesRead =>
        Interlocked.Read(ref _bodyBytesRead[(int)EmulatorOperation.PutObject]) + Interlocked.Read(ref _bodyBytesRead[(int)EmulatorOperation.UploadPart]);

    public long InProgress => Interlocked.Read(ref _inProgress);

    public long ConnectionsOpen => Interlocked.Read(ref _connectionsOpen);

    public long LinkBytesReceived => Interlocked.Read(ref _linkBytesReceived);

    public long LinkBytesSent => Interlocked.Read(ref _linkBytesSent);

    public void CountRequest(EmulatorOperation operation)
    {
        _requests.AddOrUpdate(operation, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _requestCount);
    }

    public void CountError(string code) => _errors.AddOrUpdate(code, 1, (_, n) => n + 1);

    public void AddReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    public void AddBodyRead(EmulatorOperation operation, long bytes) => Interlocked.Add(ref _bodyBytesRead[(int)operation], bytes);

    public void AddSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);

    public void AddLinkReceived(long bytes) => Interlocked.Add(ref _linkBytesReceived, bytes);

    public void AddLinkSent(long bytes) => Interlocked.Add(ref _linkBytesSent, bytes);

    public void CountAbort() => Interlocked.Increment(ref _aborted);

    public void CountConnection() => Interlocked.Increment(ref _connections);

    public void OpenConnection() => RaiseMax(ref _maxConnectionsOpen, Interlocked.Increment(ref _connectionsOpen));

    public void CloseConnection() => Interlocked.Decrement(ref _connectionsOpen);

    public void BeginRequest()
    {
        long now = Interlocked.Increment(ref _inProgress);
        RaiseMax(ref _maxInProgress, now);
        RaiseMax(ref _intervalMaxInProgress, now);
    }

    public void EndRequest() => Interlocked.Decrement(ref _inProgress);

    /// <summary>The most requests in progress at once since the last call (for one timeline interval); starts the next interval.</summary>
    public long TakeIntervalMaxInProgress() => Math.Max(Interlocked.Exchange(ref _intervalMaxInProgress, InProgress), InProgress);

    public void Reset()
    {
        _requests.Clear();
        _errors.Clear();
        Interlocked.Exchange(ref _requestCount, 0);
        Interlocked.Exchange(ref _bytesReceived, 0);
        Interlocked.Exchange(ref _bytesSent, 0);
        Interlocked.Exchange(ref _aborted, 0);
        Interlocked.Exchange(ref _connections, 0);
        Interlocked.Exchange(ref _linkBytesReceived, 0);
        Interlocked.Exchange(ref _linkBytesSent, 0);

        // Gauges stay; their peaks restart from the present value.
        Interlocked.Exchange(ref _maxInProgress, InProgress);
        Interlocked.Exchange(ref _intervalMaxInProgress, InProgress);
        Interlocked.Exchange(ref _maxConnectionsOpen, ConnectionsOpen);
        for (int i = 0; i < _bodyBytesRead.Length; i++)
        {
            Interlocked.Exchange(ref _bodyBytesRead[i], 0);
        }
    }

    public EmulatorStatistics Snapshot() => new(
        new Dictionary<EmulatorOperation, long>(_requests.OrderBy(p => p.Key)),
        new Dictionary<string, long>(_errors.OrderBy(p => p.Key, StringComparer.Ordinal), StringComparer.Ordinal),
        BodyBytesReadSnapshot(),
        Interlocked.Read(ref _bytesReceived),
        Interlocked.Read(ref _bytesSent),
        Interlocked.Read(ref _aborted),
        InProgress,
        Interlocked.Read(ref _connections))
    {
        MaxRequestsInProgress = Interlocked.Read(ref _maxInProgress),
        ConnectionsOpen = ConnectionsOpen,
        MaxConnectionsOpen = Interlocked.Read(ref _maxConnectionsOpen),
        LinkBytesReceived = LinkBytesReceived,
        LinkBytesSent = LinkBytesSent,
    };

    private static void RaiseMax(ref long max, long value)
    {
        long seen = Interlocked.Read(ref max);
        while (value > seen)
        {
            long previous = Interlocked.CompareExchange(ref max, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private Dictionary<EmulatorOperation, long> BodyBytesReadSnapshot()
    {
        var snapshot = new Dictionary<EmulatorOperation, long>();
        for (int i = 0; i < _bodyBytesRead.Length; i++)
        {
            long bytes = Interlocked.Read(ref _bodyBytesRead[i]);
            if (bytes != 0)
            {
                snapshot.Add((EmulatorOperation)i, bytes);
            }
        }

        return snapshot;
    }
}
