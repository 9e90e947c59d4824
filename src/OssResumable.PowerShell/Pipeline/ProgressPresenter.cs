using System;
using OssResumable.PowerShell.Progress;

namespace OssResumable.PowerShell.Pipeline;

/// <summary>
/// The pump's tick: when the throttle allows, takes a snapshot and writes its bars. When progress is
/// disabled (<c>$ProgressPreference = 'SilentlyContinue'</c>) the cmdlet does not create one at all,
/// so no snapshot is ever taken.
/// </summary>
internal sealed class ProgressPresenter
{
    private readonly BatchProgressTracker _tracker;
    private readonly ProgressView _view;
    private readonly ProgressThrottle _throttle;
    private readonly Func<TimeSpan> _clock;

    /// <summary>Creates a presenter.</summary>
    /// <param name="tracker">The tracker workers report into.</param>
    /// <param name="view">Bar builder.</param>
    /// <param name="throttle">Rate limit for updates.</param>
    /// <param name="clock">Monotonic time (the tracker's clock).</param>
    public ProgressPresenter(BatchProgressTracker tracker, ProgressView view, ProgressThrottle throttle, Func<TimeSpan> clock)
    {
        _tracker = tracker;
        _view = view;
        _throttle = throttle;
        _clock = clock;
    }

    /// <summary>The tracker.</summary>
    public BatchProgressTracker Tracker => _tracker;

    /// <summary>Writes an update if the throttle allows.</summary>
    /// <param name="writer">The streams.</param>
    public void Tick(IPipelineWriter writer)
    {
        if (!_throttle.TryEnter(_clock()))
        {
            return;
        }

        foreach (ProgressBar bar in _view.Update(_tracker.TakeSnapshot()))
        {
            writer.WriteProgress(bar);
        }
    }

    /// <summary>Writes the Completed records (call once, at the end).</summary>
    /// <param name="writer">The streams.</param>
    public void Complete(IPipelineWriter writer)
    {
        foreach (ProgressBar bar in _view.Complete())
        {
            writer.WriteProgress(bar);
        }
    }
}
