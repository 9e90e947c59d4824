using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OssResumable.PowerShell.Progress;

/// <summary>
/// Turns snapshots into progress bars: one parent bar for the batch (files, bytes, rate, ETA) and one
/// child bar per file in flight when more than one file is involved. Remembers which child bars it
/// has shown so each gets exactly one Completed record. Used only on the pipeline thread.
/// </summary>
internal sealed class ProgressView
{
    /// <summary>Activity id of the parent bar.</summary>
    public const int ParentId = 1;

    private readonly string _activity;
    private readonly HashSet<int> _shownChildren = new();
    private bool _parentShown;

    /// <summary>Creates a view.</summary>
    /// <param name="activity">Title of the parent bar, e.g. "Uploading to OSS".</param>
    public ProgressView(string activity)
    {
        _activity = activity;
    }

    /// <summary>The activity id of a file's child bar.</summary>
    /// <param name="fileId">The tracker's file id.</param>
    /// <returns>The activity id (never the parent's).</returns>
    public static int ChildId(int fileId) => ParentId + 1 + (fileId % 1_000_000);

    /// <summary>The bars to write for a snapshot: completed children first, then the parent, then active children.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<ProgressBar> Update(ProgressSnapshot snapshot)
    {
        var bars = new List<ProgressBar>();
        foreach (int finished in snapshot.FinishedSinceLastSnapshot)
        {
            if (_shownChildren.Remove(ChildId(finished)))
            {
                bars.Add(new ProgressBar { ActivityId = ChildId(finished), ParentActivityId = ParentId, Activity = " ", StatusDescription = " ", Completed = true });
            }
        }

        bars.Add(BuildParent(snapshot));
        _parentShown = true;

        bool batch = snapshot.FilesStarted > 1 || (snapshot.FilesExpected ?? 0) > 1;
        if (batch)
        {
            foreach (FileProgress file in snapshot.Active)
            {
                int id = ChildId(file.Id);
                _shownChildren.Add(id);
                bars.Add(new ProgressBar
                {
                    ActivityId = id,
                    ParentActivityId = ParentId,
                    Activity = file.Name,
                    StatusDescription = SizeText.Bytes(file.BytesDone) + " of " + SizeText.Bytes(file.TotalBytes),
                    PercentComplete = Percent(file.BytesDone, file.TotalBytes),
                });
            }
        }

        return bars;
    }

    /// <summary>The Completed records that remove every bar shown (call once at the end).</summary>
    /// <returns>The records; empty when nothing was shown.</returns>
    public IReadOnlyList<ProgressBar> Complete()
    {
        var bars = new List<ProgressBar>();
        foreach (int child in _shownChildren)
        {
            bars.Add(new ProgressBar { ActivityId = child, ParentActivityId = ParentId, Activity = " ", StatusDescription = " ", Completed = true });
        }

        _shownChildren.Clear();
        if (_parentShown)
        {
            bars.Add(new ProgressBar { ActivityId = ParentId, Activity = _activity, StatusDescription = "Done", PercentComplete = 100, Completed = true });
            _parentShown = false;
        }

        return bars;
    }

    private static int Percent(long done, long total) =>
        total <= 0 ? -1 : (int)Math.Max(0, Math.Min(100, done * 100.0 / total));

    private ProgressBar BuildParent(ProgressSnapshot snapshot)
    {
        var status = new StringBuilder();
        int finished = snapshot.FilesSucceeded + snapshot.FilesFailed;
        if (snapshot.FilesExpected is int expected)
        {
            status.Append(finished.ToString(CultureInfo.InvariantCulture)).Append(" of ")
                .Append(Math.Max(expected, snapshot.FilesStarted).ToString(CultureInfo.InvariantCulture)).Append(" files");
        }
        else
        {
            status.Append(finished.ToString(CultureInfo.InvariantCulture)).Append(finished == 1 ? " file done, " : " files done, ")
                .Append(snapshot.Active.Count.ToString(CultureInfo.InvariantCulture)).Append(" in progress");
        }

        if (snapshot.FilesFailed > 0)
        {
            status.Append(" (").Append(snapshot.FilesFailed.ToString(CultureInfo.InvariantCulture)).Append(" failed)");
        }

        status.Append(", ").Append(SizeText.Bytes(snapshot.BytesDone)).Append(" of ").Append(SizeText.Bytes(snapshot.BytesTotal));
        int secondsRemaining = -1;
        if (snapshot.BytesPerSecond is double rate)
        {
            status.Append(", ").Append(SizeText.Rate(rate));
            long remaining = snapshot.BytesTotal - snapshot.BytesDone;
            if (rate > 0 && remaining >= 0)
            {
                secondsRemaining = (int)Math.Min(int.MaxValue, Math.Ceiling(remaining / rate));
            }
        }

        return new ProgressBar
        {
            ActivityId = ParentId,
            Activity = _activity,
            StatusDescription = status.ToString(),
            PercentComplete = Percent(snapshot.BytesDone, snapshot.BytesTotal),
            SecondsRemaining = secondsRemaining,
        };
    }
}
