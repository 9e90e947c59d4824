using System;
using System.Linq;
using OssResumable.PowerShell.Progress;

namespace OssResumable.PowerShell.Tests.Progress;

/// <summary>
/// Rate and ETA use only the bytes sent in this session: bytes already stored (a resume's parts, an
/// unchanged file) show as done but took no time now (issue 11, point 3).
/// </summary>
public class HonestRateTests
{
    private readonly ManualClock _clock = new();
    private readonly BatchProgressTracker _tracker;
    private readonly ProgressView _view = new("Uploading to OSS");

    public HonestRateTests()
    {
        _tracker = new BatchProgressTracker(_clock.Read, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void TakeSnapshot_ResumedFile_StoredPartsAreDoneButNotInTheRateOrEta()
    {
        // 1000 bytes, 800 already stored by an earlier run; this session sends 20 B/s.
        int id = _tracker.Start("disk.vhdx", 1000, announced: false);
        _tracker.Report(id, 0);
        _tracker.TakeSnapshot();
        _tracker.Report(id, 800, 800);
        _clock.Advance(TimeSpan.FromSeconds(2));
        _tracker.Report(id, 840, 800);

        ProgressSnapshot snapshot = _tracker.TakeSnapshot();
        ProgressBar bar = _view.Update(snapshot).Single();

        Assert.Equal(840, snapshot.BytesDone);
        Assert.Equal(40, snapshot.BytesSent);
        Assert.Equal(20, snapshot.BytesPerSecond);
        Assert.Equal(84, bar.PercentComplete);
        Assert.Equal(8, bar.SecondsRemaining); // 160 bytes left at 20 B/s, not at (840 B / 2 s)
        Assert.Contains("840 B of 1000 B", bar.StatusDescription, StringComparison.Ordinal);
        Assert.Contains("20 B/s", bar.StatusDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void TakeSnapshot_BatchWithASkippedAndAResumedFile_RateCountsOnlySentBytes()
    {
        _tracker.Announce(3, 3000);
        int skipped = _tracker.Start("same.bin", 1000, announced: true);
        int resumed = _tracker.Start("resumed.bin", 1000, announced: true);
        _tracker.TakeSnapshot();

        _tracker.Report(skipped, 1000, 1000);
        _tracker.Finish(skipped, succeeded: true);
        _tracker.Report(resumed, 500, 500);
        _clock.Advance(TimeSpan.FromSeconds(5));
        _tracker.Report(resumed, 1000, 500);
        _tracker.Finish(resumed, succeeded: true);
        int fresh = _tracker.Start("new.bin", 1000, announced: true);
        _tracker.Report(fresh, 0);

        ProgressSnapshot snapshot = _tracker.TakeSnapshot();
        ProgressBar parent = _view.Update(snapshot).First(b => b.ActivityId == ProgressView.ParentId);

        Assert.Equal(2000, snapshot.BytesDone);
        Assert.Equal(500, snapshot.BytesSent);
        Assert.Equal(100, snapshot.BytesPerSecond); // 500 bytes sent in 5 s; 2000 done would say 400 B/s
        Assert.Equal(10, parent.SecondsRemaining);  // 1000 bytes left at 100 B/s
    }

    [Fact]
    public void TakeSnapshot_FreshUpload_RateIsBytesDoneOverTime()
    {
        int id = _tracker.Start("new.bin", 1000, announced: false);
        _tracker.Report(id, 0);
        _tracker.TakeSnapshot();
        _clock.Advance(TimeSpan.FromSeconds(4));
        _tracker.Report(id, 400);

        ProgressSnapshot snapshot = _tracker.TakeSnapshot();

        Assert.Equal(400, snapshot.BytesSent);
        Assert.Equal(100, snapshot.BytesPerSecond);
    }

    [Fact]
    public void Report_ReusedBytesBeyondTheBytesDone_AreClamped()
    {
        int id = _tracker.Start("odd.bin", 1000, announced: false);

        _tracker.Report(id, 100, 500);

        Assert.Equal(0, _tracker.TakeSnapshot().BytesSent);
    }
}
