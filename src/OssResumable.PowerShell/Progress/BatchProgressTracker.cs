using System;
using System.Collections.Generic;
using System.Linq;

namespace OssResumable.PowerShell.Progress;

/// <summary>
/// Counts the bytes of a batch of uploads. Worker threads report into it (cheap: a lock and a few
/// additions); the pipeline thread takes snapshots when the throttle allows and turns them into
/// progress bars. Nothing here writes to PowerShell.
/// </summary>
internal sealed class BatchProgressTracker
{
    private readonly object _gate = new();
    private readonly Func<TimeSpan> _clock;
    private readonly RateEstimator _rate;
    private readonly Dictionary<int, ActiveFile> _active = new();
    private readonly List<int> _finished = new();
    private int _nextId;
    private int _succeeded;
    private int _failed;
    private int _started;
    private int? _expectedFiles;
    private long _expectedBytes;
    private long _finishedBytes;
    private long _finishedSentBytes;
    private long _startedTotal;

    /// <summary>Creates a tracker.</summary>
    /// <param name="clock">Monotonic time (e.g. a Stopwatch's elapsed time).</param>
    /// <param name="rateWindow">Averaging window of the rate.</param>
    public BatchProgressTracker(Func<TimeSpan> clock, TimeSpan rateWindow)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _rate = new RateEstimator(rateWindow);
    }

    /// <summary>
    /// Announces files that will be started later (e.g. all matches of a wildcard), so the parent bar can
    /// show "3 of 10 files" and a percentage of the whole batch. Counts are added to earlier announcements.
    /// </summary>
    /// <param name="files">Number of files.</param>
    /// <param name="bytes">Their total length.</param>
    public void Announce(int files, long bytes)
    {
        lock (_gate)
        {
            _expectedFiles = (_expectedFiles ?? 0) + files;
            _expectedBytes += bytes;
        }
    }

    /// <summary>Registers a file that starts uploading.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="totalBytes">Its length.</param>
    /// <param name="announced">True when it was part of an <see cref="Announce"/> call.</param>
    /// <returns>Its id for <see cref="Report"/> and <see cref="Finish"/>.</returns>
    public int Start(string name, long totalBytes, bool announced)
    {
        lock (_gate)
        {
            int id = ++_nextId;
            _active.Add(id, new ActiveFile(name, totalBytes));
            _started++;
            _startedTotal += totalBytes;
            if (announced)
            {
                _expectedBytes -= totalBytes;
            }

            return id;
        }
    }

    /// <summary>Sets how many bytes of a file are on OSS (absolute; may go down when a part is retried).</summary>
    /// <param name="id">The file's id.</param>
    /// <param name="bytesDone">Bytes done, including those already stored before this session.</param>
    /// <param name="bytesReused">Bytes of <paramref name="bytesDone"/> already stored before this session (a resume's
    /// parts, an unchanged file): shown as done, but left out of the rate and so of the ETA.</param>
    public void Report(int id, long bytesDone, long bytesReused = 0)
    {
        lock (_gate)
        {
            if (_active.TryGetValue(id, out ActiveFile? file))
            {
                file.BytesDone = Math.Max(0, Math.Min(bytesDone, file.TotalBytes));
                file.BytesReused = Math.Max(0, Math.Min(bytesReused, file.BytesDone));
            }
        }
    }

    /// <summary>Marks a file finished. A succeeded file counts all its bytes.</summary>
    /// <param name="id">The file's id.</param>
    /// <param name="succeeded">Whether it succeeded.</param>
    public void Finish(int id, bool succeeded)
    {
        lock (_gate)
        {
            if (!_active.TryGetValue(id, out ActiveFile? file))
            {
                return;
            }

            _active.Remove(id);
            _finished.Add(id);
            if (succeeded)
            {
                _succeeded++;
                _finishedBytes += file.TotalBytes;
                _finishedSentBytes += file.TotalBytes - file.BytesReused;
            }
            else
            {
                _failed++;

                // A failed file's bytes will not be sent by this batch: drop them from the total so the
                // percentage and ETA describe what is left to do.
                _startedTotal -= file.TotalBytes;
            }
        }
    }

    /// <summary>
    /// The command's bandwidth cap (-MaxBytesPerSecond), or null: the rate shown, and so the ETA, never
    /// exceeds it (right after a pause the cap lets a short burst through that says nothing of what follows).
    /// </summary>
    public long? RateCap { get; set; }

    /// <summary>Takes a consistent snapshot and records a rate sample.</summary>
    /// <returns>The snapshot.</returns>
    public ProgressSnapshot TakeSnapshot()
    {
        TimeSpan now = _clock();
        lock (_gate)
        {
            long activeDone = _active.Values.Sum(f => f.BytesDone);
            long done = _finishedBytes + activeDone;

            // The rate (and so the ETA) counts only bytes sent in this session: parts stored by an earlier run
            // arrive all at once when a resume starts and would otherwise look like a burst of speed.
            long sent = _finishedSentBytes + _active.Values.Sum(f => f.BytesDone - f.BytesReused);
            _rate.Add(now, sent);
            var snapshot = new ProgressSnapshot
            {
                FilesSucceeded = _succeeded,
                FilesFailed = _failed,
                FilesExpected = _expectedFiles,
                FilesStarted = _started,
                BytesDone = done,
                BytesTotal = _startedTotal + Math.Max(0, _expectedBytes),
                BytesSent = sent,
                BytesPerSecond = Capped(_rate.BytesPerSecond(now, sent)),
                Active = _active.OrderBy(p => p.Key).Select(p => new FileProgress(p.Key, p.Value.Name, p.Value.BytesDone, p.Value.TotalBytes)).ToList(),
                FinishedSinceLastSnapshot = _finished.ToList(),
            };
            _finished.Clear();
            return snapshot;
        }
    }

    private double? Capped(double? rate) => rate is double measured && RateCap is long cap ? Math.Min(measured, cap) : rate;

    private sealed class ActiveFile
    {
        public ActiveFile(string name, long totalBytes)
        {
            Name = name;
            TotalBytes = totalBytes;
        }

        public string Name { get; }

        public long TotalBytes { get; }

        public long BytesDone { get; set; }

        public long BytesReused { get; set; }
    }
}
