using System;
using System.Management.Automation;
using System.Threading.Tasks;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.ExistingUploads;

namespace OssResumable.PowerShell.Commands;

/// <summary>Aborts unfinished multipart uploads, deleting their parts on OSS (and their checkpoints).</summary>
[Cmdlet(VerbsLifecycle.Stop, "OssUpload", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(OssMultipartUpload))]
public sealed class StopOssUploadCommand : ExistingUploadCmdlet
{
    private const string CheckpointSet = "CheckpointPath";

    /// <summary>A checkpoint file: its upload is aborted and the file deleted. Bound from the pipeline by CheckpointPath, PSPath or FullName (Get-ChildItem output).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CheckpointSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.CheckpointPathCompleter))]
    public string CheckpointPath { get; set; } = string.Empty;

    /// <summary>Do not ask for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the aborted upload to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    internal override bool SendsNothingUnderWhatIf => true;

    /// <summary>Aborts one upload.</summary>
    protected override void ProcessRecord()
    {
        UploadTarget? target = Target;
        ErrorContext context = target?.NewErrorContext() ?? new ErrorContext { CheckpointPath = CheckpointPath };
        context.Endpoint ??= Endpoint;
        context.Region ??= Region;
        UploadStop stop;
        try
        {
            if (target is null)
            {
                context.CheckpointPath = ResolveLiteralFileSystemPath(CheckpointPath, nameof(CheckpointPath));
                stop = UploadStop.ForCheckpoint(Context.Clients, BuildConnectionRequest(null, null), context.CheckpointPath);
                (context.Bucket, context.Key, context.UploadId, context.LocalPath) = (stop.Bucket, stop.Key, stop.UploadId, stop.LocalPath);
            }
            else
            {
                stop = UploadStop.ForUpload(Context.Clients, BuildConnectionRequest(target.Piped, null), target.Bucket, target.Key, target.UploadId, target.Piped?.CheckpointPath);
            }
        }
        catch (Exception ex) when (ErrorMapper.IsItemFailure(ex))
        {
            ReportItemFailure(ex, context);
            return;
        }

        context.WithConnection(stop.Connection);
        string what = "oss://" + stop.Bucket + "/" + stop.Key + " (upload " + stop.UploadId + ")";
        string action = "Abort the multipart upload and delete its uploaded parts" + (stop.CheckpointPath is null ? string.Empty : " and the checkpoint " + stop.CheckpointPath);
        if (!ShouldProcessUnlessForced(what, action, Force.IsPresent))
        {
            return;
        }

        Task<bool> work = stop.RunAsync(Context.Cancellation);
        if (!RunItem(work, context))
        {
            return;
        }

        if (work.Result)
        {
            WriteVerbose("Aborted " + what + ".");
        }
        else
        {
            WriteWarning("OSS no longer has " + what + ": it was completed or aborted earlier." + (stop.CheckpointPath is null ? string.Empty : " The checkpoint was deleted."));
        }

        if (PassThru)
        {
            WriteObject(ErrorMapper.BuildTarget(context));
        }
    }
}
