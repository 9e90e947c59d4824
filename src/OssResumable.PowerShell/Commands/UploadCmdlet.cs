using System;
using System.Management.Automation;
using System.Threading.Tasks;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.Parameters;
using OssResumable.PowerShell.Pipeline;
using OssResumable.PowerShell.Uploads;

namespace OssResumable.PowerShell.Commands;

/// <summary>Shared by Send-OssFile and Resume-OssUpload: -Threads, -MaxRetries, the batch and the end of the command.</summary>
public abstract class UploadCmdlet : OssCmdlet
{
    private UploadOptions? _options;
    private UploadBatch? _batch;
    private ProgressPresenter? _progress;

    /// <summary>
    /// Parts uploaded in parallel, shared by all files of the command (also how many files are in flight at once;
    /// with Auto, as many as parts in flight now):
    /// Auto (the default: start at 8, or on a far link with as many parts as a big file has up to 128, add parts in
    /// flight while throughput rises, back off when it stops rising or OSS asks to slow down; at most 256), or a fixed number
    /// from 1 to 256.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    [ThreadCountTransformation]
    [ValidateThreadCount]
    [ArgumentCompleter(typeof(Completion.ThreadsCompleter))]
    public ThreadCount Threads { get; set; } = ThreadCount.Default;

    /// <summary>
    /// A bandwidth cap for the whole command, in bytes per second of request bodies, shared by all parts and files
    /// (e.g. 10MB for 10 MiB/s, 500KB); at least 1KB. Default: no cap.
    /// </summary>
    [Parameter]
    [ValidateRange(BandwidthLimiter.MinBytesPerSecond, BandwidthLimiter.MaxBytesPerSecond)]
    public long MaxBytesPerSecond { get; set; }

    /// <summary>Retries of a failed request before the upload fails (0–100, default 3).</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int MaxRetries { get; set; } = 3;

    internal UploadBatch Batch => _batch ?? throw new InvalidOperationException("BeginProcessing has not run.");

    internal ProgressPresenter? Progress => _progress;

    internal abstract string ProgressActivity { get; }

    /// <summary>
    /// Files started and not finished at most (their data requests share the -Threads budget): the batch's
    /// limit, which is -Threads, or with -Threads Auto the throttle's current limit.
    /// </summary>
    internal virtual int FilesInFlight => Batch.FilesInFlightLimit;

    internal override bool NarratesClientRetries => false;

    internal override bool SendsNothingUnderWhatIf => true;

    internal ConnectionRequest BuildConnectionRequest(OssMultipartUpload? piped) =>
        BuildConnectionRequest(piped, MaxRetries);

    internal abstract UploadOptions BuildOptions();

    internal ResumeCommandText BuildResumeCommand() => new ResumeCommandText()
        .WithConnection(nameof(Endpoint), Endpoint)
        .WithConnection(nameof(Region), Region)
        .WithSwitch(nameof(PathStyle), PathStyle.IsPresent)
        .WithConnection(nameof(SignatureVersion), MyInvocation.BoundParameters.ContainsKey(nameof(SignatureVersion)) ? SignatureVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)
        .WithConnection(nameof(ProfileName), ProfileName);

    /// <summary>Validates every parameter before any input is read or request sent, then creates the batch.</summary>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _progress = CreateProgress(ProgressActivity);
        if (_progress is not null)
        {
            _progress.Tracker.RateCap = _options!.MaxBytesPerSecond;
        }

        _batch = new UploadBatch(Context.Clients, _options!, Context.Pump, _progress?.Tracker, BuildResumeCommand(), Context.Cancellation);
    }

    /// <summary>Waits for every upload still running, writing results and progress as they finish.</summary>
    protected override void EndProcessing()
    {
        FinishAll();
        WriteSummary();
    }

    // One line for the log of a scheduled job (the Information stream, which *>> captures): what the command
    // did with every file it was given, so a log shows at a glance whether the night went well.
    private void WriteSummary()
    {
        int failed = Batch.Failed + ItemErrors;
        string text = string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            "{0}: {1} uploaded, {2}{3} failed{4}; {5} sent.",
            MyInvocation.MyCommand.Name,
            Batch.Uploaded,
            Batch.Skipped > 0 ? Batch.Skipped.ToString(System.Globalization.CultureInfo.InvariantCulture) + " skipped (unchanged), " : string.Empty,
            failed,
            Batch.Interrupted > 0 ? ", " + Batch.Interrupted.ToString(System.Globalization.CultureInfo.InvariantCulture) + " interrupted" : string.Empty,
            OssResumable.PowerShell.Progress.SizeText.Bytes(Batch.BytesSent));
        WriteInformation(new InformationRecord(text, MyInvocation.MyCommand.Name) { Tags = { "OssResumable", "Summary" } });
    }

    /// <inheritdoc />
    internal override void ValidateCommandParameters()
    {
        _options = BuildOptions();
        _options.AutoThreads = Threads.IsAuto;
        _options.Threads = Threads.Count ?? UploadLimits.MaxThreads;
        _options.MaxBytesPerSecond = MyInvocation.BoundParameters.ContainsKey(nameof(MaxBytesPerSecond)) ? MaxBytesPerSecond : null;
        UploadBatch.Validate(_options);
    }

    /// <summary>Confirms (-WhatIf/-Confirm) and starts one prepared upload, waiting for a free slot first.</summary>
    internal void StartUpload(PreparedUpload upload, bool announced)
    {
        WriteVerbose(upload.Target + ": " + upload.Description + ".");
        if (!ShouldProcess(upload.Target, upload.Description))
        {
            return;
        }

        while (Batch.Running >= FilesInFlight && !Context.Cancellation.IsCancellationRequested)
        {
            RunToCompletion(Batch.WhenAnyFinished(), _progress, completeProgress: false);
        }

        if (FinishedAfterCancellation())
        {
            return;
        }

        Batch.Start(upload, announced);
        DrainMessages();
    }

    internal void FinishAll() => RunToCompletion(Batch.WhenAllFinished(), _progress);

    /// <summary>
    /// After Ctrl+C: waits for every running upload (each saves its checkpoint and warns how to resume)
    /// before this record's processing returns, since PowerShell will not call EndProcessing.
    /// </summary>
    /// <returns>True when the command was cancelled (start nothing more).</returns>
    internal bool FinishedAfterCancellation()
    {
        if (!Context.Cancellation.IsCancellationRequested)
        {
            return false;
        }

        FinishAll();
        return true;
    }

    internal override Task AllWork() => _batch is null ? Task.CompletedTask : _batch.WhenAllFinished();
}
