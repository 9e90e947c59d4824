using System;
using System.Linq;
using OssResumable.PowerShell.Progress;

namespace OssResumable.PowerShell.Tests.Progress;

public class ProgressViewTests
{
    private readonly ManualClock _clock = new();
    private readonly BatchProgressTracker _tracker;
    private readonly ProgressView _view = new("Uploading to OSS");

    public ProgressViewTests()
    {
        _tracker = new BatchProgressTracker(_clock.Read, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void SingleFile_OneParentBarWithBytesPercentRateAndEta()
    {
        int id = _tracker.Start("disk.vhdx", 1000, announced: false);
        _tracker.Report(id, 0);
        _view.Update(_tracker.TakeSnapshot());
        _clock.Advance(TimeSpan.FromSeconds(2));
        _tracker.Report(id, 400);

        ProgressBar bar = _view.Update(_tracker.TakeSnapshot()).Single();

        Assert.Equal(ProgressView.ParentId, bar.ActivityId);
        Assert.Equal(-1, bar.ParentActivityId);
        Assert.Equal(40, bar.PercentComplete);
        Assert.Equal(3, bar.SecondsRemaining); // 600 bytes left at 200 B/s
        Assert.Contains("400 B of 1000 B", bar.StatusDescription, StringComparison.Ordinal);
        Assert.Contains("200 B/s", bar.StatusDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleFile_UnderABandwidthCap_RateAndEtaNeverAboveTheCap()
    {
        _tracker.RateCap = 100;
        int id = _tracker.Start("disk.vhdx", 1000, announced: false);
        _tracker.Report(id, 0);
        _view.Update(_tracker.TakeSnapshot());
        _clock.Advance(TimeSpan.FromSeconds(2));
        _tracker.Report(id, 400); // the burst the cap lets through after a pause: 200 B/s measured

        ProgressBar bar = _view.Update(_tracker.TakeSnapshot()).Single();

        Assert.Equal(6, bar.SecondsRemaining); // 600 bytes left at the cap, 100 B/s
        Assert.Contains("100 B/s", bar.StatusDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_ChildBarPerFileInFlight_CompletedOnceWhenTheFileFinishes()
    {
        _tracker.Announce(3, 300);
        int a = _tracker.Start("a.bin", 100, announced: true);
        int b = _tracker.Start("b.bin", 100, announced: true);
        _tracker.Report(a, 50);

        var first = _view.Update(_tracker.TakeSnapshot());
        Assert.Equal(3, first.Count);
        Assert.Contains("0 of 3 files", first[0].StatusDescription, StringComparison.Ordinal);
        Assert.Equal(50 * 100 / 300, first[0].PercentComplete);
        Assert.All(first.Skip(1), child => Assert.Equal(ProgressView.ParentId, child.ParentActivityId));
        Assert.Equal(new[] { "a.bin", "b.bin" }, first.Skip(1).Select(c => c.Activity));

        _tracker.Finish(a, succeeded: true);
        var second = _view.Update(_tracker.TakeSnapshot());
        ProgressBar completed = second.First();
        Assert.True(completed.Completed);
        Assert.Equal(ProgressView.ChildId(a), completed.ActivityId);
        Assert.Contains("1 of 3 files", second[1].StatusDescription, StringComparison.Ordinal);

        var third = _view.Update(_tracker.TakeSnapshot());
        Assert.DoesNotContain(third, bar => bar.Completed);
        _ = b;
    }

    [Fact]
    public void FailedFile_LeavesTheTotalAndIsCounted()
    {
        int a = _tracker.Start("a", 100, announced: false);
        int b = _tracker.Start("b", 100, announced: false);
        _tracker.Report(b, 60);
        _tracker.Finish(b, succeeded: false);

        ProgressSnapshot snapshot = _tracker.TakeSnapshot();

        Assert.Equal(1, snapshot.FilesFailed);
        Assert.Equal(100, snapshot.BytesTotal);
        Assert.Equal(0, snapshot.BytesDone);
        Assert.Contains("(1 failed)", _view.Update(snapshot)[0].StatusDescription, StringComparison.Ordinal);
        _ = a;
    }

    [Fact]
    public void StreamingInput_WithoutAnnouncement_SaysFilesDoneAndInProgress()
    {
        int a = _tracker.Start("a", 10, announced: false);
        _tracker.Finish(a, succeeded: true);
        _tracker.Start("b", 10, announced: false);

        ProgressBar parent = _view.Update(_tracker.TakeSnapshot())[0];

        Assert.Contains("1 file done, 1 in progress", parent.StatusDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_RemovesEveryBarShown_AndNothingWhenNothingWasShown()
    {
        Assert.Empty(new ProgressView("x").Complete());

        _tracker.Announce(2, 20);
        _tracker.Start("a", 10, announced: true);
        _tracker.Start("b", 10, announced: true);
        _view.Update(_tracker.TakeSnapshot());

        var done = _view.Complete();

        Assert.Equal(3, done.Count);
        Assert.All(done, bar => Assert.True(bar.Completed));
        Assert.Equal(ProgressView.ParentId, done[^1].ActivityId);
        Assert.Empty(_view.Complete());
    }

    [Fact]
    public void Report_ClampsToTheFileLength()
    {
        int id = _tracker.Start("a", 100, announced: false);
        _tracker.Report(id, 500);

        Assert.Equal(100, _tracker.TakeSnapshot().BytesDone);
    }
}
