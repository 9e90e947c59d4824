using System;
using System.Collections.Generic;
using System.Linq;
using OssResumable.Core.Transfer;
using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Tests.Transfer;

public class UploadProgressReporterTests
{
    [Fact]
    public void OnBytes_RetryRewind_ReportedValueNeverGoesBackAndIsNotCountedTwice()
    {
        var sink = new ListProgress();
        var tracker = new UploadProgressReporter(sink, "/f", "b", "k", TimeSpan.Zero);
        tracker.Start(1000, 2);
        tracker.SetPhase(UploadPhase.Uploading);

        tracker.OnBytes(300);
        tracker.OnBytes(-300);
        tracker.OnBytes(200);
        tracker.OnBytes(300);
        tracker.OnBytes(500);
        tracker.PartSent();
        tracker.PartSent();

        long[] values = sink.Reports.Select(r => r.TransferredBytes).ToArray();
        Assert.Equal(values.OrderBy(v => v), values);
        Assert.Equal(new long[] { 0, 0, 300, 500, 1000, 1000, 1000 }, values);
        Assert.Equal(2, sink.Reports[^1].CompletedParts);
    }

    [Fact]
    public void OnBytes_MoreThanTheTotal_ClampedToTheTotal()
    {
        var sink = new ListProgress();
        var tracker = new UploadProgressReporter(sink, "/f", "b", "k", TimeSpan.Zero);
        tracker.Start(100, 1);

        tracker.OnBytes(150);

        Assert.Equal(100, sink.Reports[^1].TransferredBytes);
    }

    [Fact]
    public void PartAlreadyStored_CountsBytesAndPart()
    {
        var sink = new ListProgress();
        var tracker = new UploadProgressReporter(sink, "/f", "b", "k", TimeSpan.Zero);
        tracker.Start(1000, 4);

        tracker.PartAlreadyStored(250);
        tracker.PartAlreadyStored(250);

        Assert.Equal(500, sink.Reports[^1].TransferredBytes);
        Assert.Equal(2, sink.Reports[^1].CompletedParts);
        Assert.Equal(4, sink.Reports[^1].PartCount);
    }

    [Fact]
    public void PartAlreadyStored_ThenSent_ReusedBytesAreTheStoredOnes()
    {
        var sink = new ListProgress();
        var tracker = new UploadProgressReporter(sink, "/f", "b", "k", TimeSpan.Zero);
        tracker.Start(1000, 4);

        tracker.PartAlreadyStored(250);
        tracker.PartAlreadyStored(250);
        tracker.OnBytes(100);

        Assert.Equal(600, sink.Reports[^1].TransferredBytes);
        Assert.Equal(500, sink.Reports[^1].ReusedBytes);
    }

    [Fact]
    public void OnBytes_FreshUpload_ReusesNothing()
    {
        var sink = new ListProgress();
        var tracker = new UploadProgressReporter(sink, "/f", "b", "k", TimeSpan.Zero);
        tracker.Start(1000, 1);

        tracker.OnBytes(400);
        tracker.Complete();

        Assert.All(sink.Reports, r => Assert.Equal(0, r.ReusedBytes));
    }

    [Fact]
    public void OnBytes_WithinTheInterval_RateLimitedButPhaseAndPartsAlwaysReported()
    {
        var sink = new ListProgress();
        var tracker = new UploadProgressReporter(sink, "/f", "b", "k", TimeSpan.FromHours(1));
        tracker.Start(1000, 2);
        int afterStart = sink.Reports.Count;

        tracker.OnBytes(10);
        tracker.OnBytes(10);
        tracker.PartSent();
        tracker.SetPhase(UploadPhase.Completing);

        Assert.Equal(afterStart + 2, sink.Reports.Count);
        Assert.Equal(20, sink.Reports[^1].TransferredBytes);
        Assert.Equal(UploadPhase.Completing, sink.Reports[^1].Phase);
    }

    [Fact]
    public void Restart_NewPlan_PartsRestartButBytesDoNotGoBack()
    {
        var sink = new ListProgress();
        var tracker = new UploadProgressReporter(sink, "/f", "b", "k", TimeSpan.Zero);
        tracker.Start(1000, 4);
        tracker.PartAlreadyStored(600);

        tracker.Restart(2);
        tracker.SetPhase(UploadPhase.Uploading);
        tracker.OnBytes(100);

        Assert.Equal(600, sink.Reports[^1].TransferredBytes);
        Assert.Equal(0, sink.Reports[^1].CompletedParts);
        Assert.Equal(2, sink.Reports[^1].PartCount);
    }

    [Fact]
    public void Complete_ReportsEverythingTransferred()
    {
        var sink = new ListProgress();
        var tracker = new UploadProgressReporter(sink, "/f", "b", "k", TimeSpan.Zero);
        tracker.Start(0, 1);

        tracker.Complete();

        UploadProgress last = sink.Reports[^1];
        Assert.Equal(UploadPhase.Completed, last.Phase);
        Assert.Equal(1, last.Fraction);
        Assert.Equal(1, last.CompletedParts);
    }

    [Fact]
    public void NoSink_NothingThrowsAndValueIsTracked()
    {
        var tracker = new UploadProgressReporter(null, "/f", "b", "k", TimeSpan.Zero);
        tracker.Start(10, 1);

        tracker.OnBytes(4);

        Assert.Equal(4, tracker.TransferredBytes);
    }

    private sealed class ListProgress : IProgress<UploadProgress>
    {
        public List<UploadProgress> Reports { get; } = new();

        public void Report(UploadProgress value) => Reports.Add(value);
    }
}
