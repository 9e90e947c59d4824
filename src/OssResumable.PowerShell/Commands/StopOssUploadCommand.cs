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
        UploadStop stop;
        try
        {
            if (ParameterSetName == CheckpointSet)
            {
                context.CheckpointPath = ResolveLiteralFileSystemPath(CheckpointPath, nameof(CheckpointPath));
                stop = UploadStop.ForCheckpoint(Context.Clients, BuildConnectionRequest(null, null), context.CheckpointPath);
                (context.Bucket, context.Key, context.UploadId, context.LocalPath) = (stop.Bucket, stop.Key, stop.UploadId, stop.LocalPath);
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

                stop = UploadStop.ForUpload(
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

        context.WithConnection(stop.Connection);
        string target = "oss://" + stop.Bucket + "/" + stop.Key + " (upload " + stop.UploadId + ")";
        string action = "Abort the multipart upload and delete its uploaded parts" + (stop.CheckpointPath is null ? string.Empty : " and the checkpoint " + stop.CheckpointPath);
        if (!ShouldProcessUnlessForced(target, action, Force.IsPresent))
        {
            return;
        }

        Task<bool> work = stop.RunAsync(Context.Cancellation);
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
            WriteWarning("OSS no longer has " + target + ": it was completed or aborted earlier." + (stop.CheckpointPath is null ? string.Empty : " The checkpoint was deleted."));
        }

        if (PassThru)
        {
            WriteObject(ErrorMapper.BuildTarget(context));
        }
    }
}
