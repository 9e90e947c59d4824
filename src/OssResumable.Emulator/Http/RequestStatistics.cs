using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace OssResumable.Emulator.Http;

/// <summary>Thread-safe request counters behind <see cref="EmulatorStatistics"/>.</summary>
internal sealed class RequestStatistics
{
    private readonly ConcurrentDictionary<EmulatorOperation, long> _requests = new();
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);

    // Indexed by operation; updated for every chunk of a body, so a plain array of Interlocked counters.
    private readonly long[] _bodyBytesRead = new long[Enum.GetValues<EmulatorOperation>().Length];
    private long _bytesReceived;
    private long _bytesSent;
    private long _aborted;
    private long _inProgress;
    private long _connections;

    public void CountRequest(EmulatorOperation operation) => _requests.AddOrUpdate(operation, 1, (_, n) => n + 1);

    public void CountError(string code) => _errors.AddOrUpdate(code, 1, (_, n) => n + 1);

    public void AddReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    public void AddBodyRead(EmulatorOperation operation, long bytes) => Interlocked.Add(ref _bodyBytesRead[(int)operation], bytes);

    public void AddSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);

    public void CountAbort() => Interlocked.Increment(ref _aborted);

    public void CountConnection() => Interlocked.Increment(ref _connections);

    public void BeginRequest() => Interlocked.Increment(ref _inProgress);

    public void EndRequest() => Interlocked.Decrement(ref _inProgress);

    public void Reset()
    {
        _requests.Clear();
        _errors.Clear();
        Interlocked.Exchange(ref _bytesReceived, 0);
        Interlocked.Exchange(ref _bytesSent, 0);
        Interlocked.Exchange(ref _aborted, 0);
        Interlocked.Exchange(ref _connections, 0);
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
        Interlocked.Read(ref _inProgress),
        Interlocked.Read(ref _connections));

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
