namespace OssResumable.PowerShell.Progress;

/// <summary>One <c>Write-Progress</c> record as plain data (the cmdlet turns it into a <c>ProgressRecord</c>).</summary>
internal sealed class ProgressBar
{
    /// <summary>Activity id.</summary>
    public int ActivityId { get; set; }

    /// <summary>Parent activity id, or -1 for a top-level bar.</summary>
    public int ParentActivityId { get; set; } = -1;

    /// <summary>The activity (bar title).</summary>
    public string Activity { get; set; } = string.Empty;

    /// <summary>The status line.</summary>
    public string StatusDescription { get; set; } = string.Empty;

    /// <summary>Percent complete 0–100, or -1 when unknown.</summary>
    public int PercentComplete { get; set; } = -1;

    /// <summary>Estimated seconds remaining, or -1 when unknown.</summary>
    public int SecondsRemaining { get; set; } = -1;

    /// <summary>True for the record that removes the bar.</summary>
    public bool Completed { get; set; }
}
