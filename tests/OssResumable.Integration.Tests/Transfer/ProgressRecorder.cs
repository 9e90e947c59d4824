using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using OssResumable.Core.Transfer;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>A synchronous IProgress that records every report and can run an action on each (e.g. cancel after K parts).</summary>
internal sealed class ProgressRecorder : IProgress<UploadProgress>
{
    private readonly Action<UploadProgress>? _onReport;
    private readonly ConcurrentQueue<UploadProgress> _reports = new();

    public ProgressRecorder(Action<UploadProgress>? onReport = null)
    {
        _onReport = onReport;
    }

    public IReadOnlyList<UploadProgress> Reports => _reports.ToList();

    public void Report(UploadProgress value)
    {
        _reports.Enqueue(value);
        _onReport?.Invoke(value);
    }

    public void AssertMonotonicAndComplete(long size)
    {
        var reports = Reports;
        Assert.NotEmpty(reports);
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].TransferredBytes >= reports[i - 1].TransferredBytes, "progress went backwards at report " + i);
        }

        Assert.All(reports, r => Assert.InRange(r.TransferredBytes, 0, size));
        Assert.Equal(UploadPhase.Completed, reports[^1].Phase);
        Assert.Equal(size, reports[^1].TransferredBytes);
        Assert.Equal(reports[^1].PartCount, reports[^1].CompletedParts);
    }
}
