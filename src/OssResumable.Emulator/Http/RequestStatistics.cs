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
    private long _bytesReceived;
    private long _bytesSent;
    private long _aborted;

    public void CountRequest(EmulatorOperation operation) => _requests.AddOrUpdate(operation, 1, (_, n) => n + 1);

    public void CountError(string code) => _errors.AddOrUpdate(code, 1, (_, n) => n + 1);

    public void AddReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    public void AddSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);

    public void CountAbort() => Interlocked.Increment(ref _aborted);

    public void Reset()
    {
        _requests.Clear();
        _errors.Clear();
        Interlocked.Exchange(ref _bytesReceived, 0);
        Interlocked.Exchange(ref _bytesSent, 0);
        Interlocked.Exchange(ref _aborted, 0);
    }

    public EmulatorStatistics Snapshot() => new(
        new Dictionary<EmulatorOperation, long>(_requests.OrderBy(p => p.Key)),
        new Dictionary<string, long>(_errors.OrderBy(p => p.Key, StringComparer.Ordinal), StringComparer.Ordinal),
        Interlocked.Read(ref _bytesReceived),
        Interlocked.Read(ref _bytesSent),
        Interlocked.Read(ref _aborted));
}
