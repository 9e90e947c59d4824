using System;
using System.Diagnostics;
using System.Threading;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// Aggregates one upload's progress and reports it. Bytes come from the client as deltas (negative
/// when a failed attempt is taken back), so the running sum is exact; the reported value is the
/// largest sum seen so far, clamped to the file size, so it never goes backwards and a retried part
/// is never counted twice. Byte reports are rate-limited; phase changes and completed parts are
/// always reported. Reports are made under a lock so the sink sees them in order.
/// </summary>
internal sealed class UploadProgressReporter
{
    private readonly IProgress<UploadProgress>? _sink;
    private readonly object _gate = new();
    private readonly long _intervalTicks;
    private readonly string _filePath;
    private readonly string _bucket;
    private readonly string _key;
    private long _totalBytes;
    private int _partCount;
    private long _storedBytes;
    private long _sentBytes;
    private long _reusedBytes;
    private int _completedParts;
    private UploadPhase _phase;
    private long _lastReported;
    private long _lastReportTimestamp;

    public UploadProgressReporter(IProgress<UploadProgress>? sink, string filePath, string bucket, string key, TimeSpan interval)
    {
        _sink = sink;
        _filePath = filePath;
        _bucket = bucket;
        _key = key;
        _intervalTicks = (long)(Math.Max(0, interval.TotalSeconds) * Stopwatch.Frequency);
    }

    /// <summary>The value last reported (or that would have been reported): never decreasing.</summary>
    public long TransferredBytes
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(_lastReported, Current());
            }
        }
    }

    public UploadPhase Phase
    {
        get
        {
            lock (_gate)
            {
                return _phase;
            }
        }
    }

    /// <summary>Sets the file size and the number of parts of the plan, and reports the Planning phase.</summary>
    public void Start(long totalBytes, int partCount)
    {
        lock (_gate)
        {
            _totalBytes = totalBytes;
            _partCount = partCount;
            _phase = UploadPhase.Planning;
        }

        Report(force: true);
    }

    /// <summary>Begins a new plan (a fresh upload after an old one was discarded): part counters restart, the reported bytes do not go back.</summary>
    public void Restart(int partCount)
    {
        lock (_gate)
        {
            _partCount = partCount;
            _completedParts = 0;
            Interlocked.Exchange(ref _storedBytes, 0);
            Interlocked.Exchange(ref _sentBytes, 0);
        }
    }

    /// <summary>Bytes handed to (positive) or taken back from (negative) the network by the client.</summary>
    public void OnBytes(long delta)
    {
        Interlocked.Add(ref _sentBytes, delta);
        if (_sink is not null)
        {
            Report(force: false);
        }
    }

    /// <summary>A part that is already stored and will not be sent.</summary>
    public void PartAlreadyStored(long bytes)
    {
        Interlocked.Add(ref _storedBytes, bytes);
        lock (_gate)
        {
            // Kept across Restart, like the reported bytes: they were counted as done without being sent.
            _reusedBytes += bytes;
        }

        Interlocked.Increment(ref _completedParts);
        Report(force: true);
    }

    /// <summary>A part this run sent was acknowledged (its bytes arrived through <see cref="OnBytes"/>).</summary>
    public void PartSent()
    {
        Interlocked.Increment(ref _completedParts);
        Report(force: true);
    }

    public void SetPhase(UploadPhase phase)
    {
        lock (_gate)
        {
            _phase = phase;
        }

        Report(force: true);
    }

    /// <summary>The object is verified: everything is transferred.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _phase = UploadPhase.Completed;
            _lastReported = _totalBytes;
            _completedParts = _partCount;
        }

        Report(force: true);
    }

    private long Current() =>
        Math.Min(_totalBytes, Math.Max(0, Interlocked.Read(ref _storedBytes) + Interlocked.Read(ref _sentBytes)));

    private void Report(bool force)
    {
        if (_sink is null)
        {
            return;
        }

        lock (_gate)
        {
            long now = Stopwatch.GetTimestamp();
            long transferred = Math.Max(_lastReported, Current());
            if (!force && (transferred == _lastReported || now - _lastReportTimestamp < _intervalTicks))
            {
                return;
            }

            _lastReported = transferred;
            _lastReportTimestamp = now;
            var snapshot = new UploadProgress(
                _filePath, _bucket, _key, _totalBytes, transferred, Math.Min(Volatile.Read(ref _completedParts), _partCount), _partCount, _phase, _reusedBytes);

            // Reported under the lock so that the sink sees values in order; the sink must be quick.
            _sink.Report(snapshot);
        }
    }
}
