using System;
using System.Management.Automation;
using System.Threading.Tasks;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Transfers;

namespace OssResumable.PowerShell.Commands;

/// <summary>Aborts unfinished multipart uploads, deleting their parts on OSS (and their checkpoints).</summary>
[Cmdlet(VerbsLifecycle.Stop, "OssUpload", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(OssMultipartUpload))]
public sealed class StopOssUploadCommand : OssCmdlet
{
    private const string UploadIdSet = "UploadId";
    private const string InputObjectSet = "InputObject";
    private const string CheckpointSet = "CheckpointPath";

    /// <summary>The bucket.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = UploadIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Bucket { get; set; } = string.Empty;

    /// <summary>The object key.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = UploadIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.KeyCompleter))]
    public string Key { get; set; } = string.Empty;

    /// <summary>The upload id.</summary>
    [Parameter(Mandatory = true, Position = 2, ParameterSetName = UploadIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.UploadCompleter))]
    public string UploadId { get; set; } = string.Empty;

    /// <summary>An upload from Get-OssMultipartUpload, or the target object of an upload error.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public OssMultipartUpload? InputObject { get; set; }

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

    /// <summary>Aborts one upload.</summary>
    protected override void ProcessRecord()
    {
        var context = new ErrorContext { Endpoint = Endpoint, Region = Region };
        UploadAbort abort;
        try
        {
            if (ParameterSetName == CheckpointSet)
            {
                context.CheckpointPath = ResolveLiteralFileSystemPath(CheckpointPath, nameof(CheckpointPath));
                CheckpointSummary checkpoint = CheckpointSummary.Load(context.CheckpointPath);
                (context.Bucket, context.Key, context.UploadId, context.LocalPath) = (checkpoint.Bucket, checkpoint.Key, checkpoint.UploadId, checkpoint.SourcePath);
                abort = UploadAbort.Prepare(Context.Clients, BuildConnectionRequest(null, null), checkpoint);
            }
            else
            {
                bool fromObject = ParameterSetName == InputObjectSet && InputObject is not null;
                context.Bucket = fromObject ? InputObject!.Bucket : Bucket;
                context.Key = fromObject ? InputObject!.Key : Key;
                context.UploadId = fromObject ? InputObject!.UploadId : UploadId;
                context.LocalPath = fromObject ? InputObject!.LocalPath : null;
                context.CheckpointPath = fromObject ? InputObject!.CheckpointPath : null;
                if (fromObject)
                {
                    context.WithConnectionOf(InputObject!);
                }

                abort = UploadAbort.Prepare(
                    Context.Clients,
                    BuildConnectionRequest(fromObject ? InputObject : null, null),
                    context.Bucket,
                    context.Key,
                    context.UploadId,
                    context.CheckpointPath);
            }
        }
        catch (OssConfigurationException ex)
        {
            ThrowMapped(ex, context);
            return;
        }
        catch (Exception ex) when (ex is ArgumentException || ex is OssResumable.Core.Checkpoints.CheckpointException)
        {
            WriteMapped(ex, context);
            return;
        }

        context.WithConnection(abort.Connection);
        string target = "oss://" + abort.Bucket + "/" + abort.Key + " (upload " + abort.UploadId + ")";
        string action = "Abort the multipart upload and delete its uploaded parts" + (context.CheckpointPath is null ? string.Empty : " and the checkpoint " + context.CheckpointPath);
        if (!ShouldProcessUnlessForced(target, action, Force.IsPresent))
        {
            return;
        }

        Task<bool> work = abort.RunAsync(Context.Cancellation);
        try
        {
            RunToCompletion(work, null);
        }
        catch (OperationCanceledException) when (Stopping)
        {
            return;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteMapped(ex, context);
            return;
        }

        if (work.Result)
        {
            WriteVerbose("Aborted " + target + ".");
        }
        else
        {
            WriteWarning("OSS no longer has " + target + ": it was completed or aborted earlier." + (context.CheckpointPath is null ? string.Empty : " The checkpoint was deleted."));
        }

        if (PassThru)
        {
            WriteObject(ErrorMapper.BuildTarget(context));
        }
    }
}
