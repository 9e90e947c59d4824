using System;
using System.Management.Automation;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.ExistingUploads;
using OssResumable.PowerShell.Uploads;

namespace OssResumable.PowerShell.Commands;

/// <summary>Finishes an interrupted upload: from its checkpoint, or from its upload id and the local file.</summary>
[Cmdlet(VerbsLifecycle.Resume, "OssUpload", DefaultParameterSetName = CheckpointSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OssUploadResult))]
public sealed class ResumeOssUploadCommand : UploadCmdlet
{
    private const string CheckpointSet = "CheckpointPath";
    private const string InputObjectSet = "InputObject";
    private const string UploadIdSet = "UploadId";

    /// <summary>
    /// The checkpoint file of the interrupted upload (shown in the warning after Ctrl+C and in errors). Bound
    /// from the pipeline by CheckpointPath or FullName, so <c>Get-ChildItem *.checkpoint.json | Resume-OssUpload</c>
    /// resumes every checkpoint of a folder (FullName is this parameter's alias, not -LiteralPath's, for that).
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CheckpointSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.CheckpointPathCompleter))]
    public string CheckpointPath { get; set; } = string.Empty;

    /// <summary>An upload from Get-OssMultipartUpload, or the target object of an upload error.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public OssMultipartUpload? InputObject { get; set; }

    /// <summary>The bucket.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UploadIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Bucket { get; set; } = string.Empty;

    /// <summary>The object key.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UploadIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.KeyCompleter))]
    public string Key { get; set; } = string.Empty;

    /// <summary>The upload id.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UploadIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.UploadCompleter))]
    public string UploadId { get; set; } = string.Empty;

    /// <summary>The local file being uploaded (the same bytes as when the upload began).</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = UploadIdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "LocalPath")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = string.Empty;

    internal override string ProgressActivity => "Resuming uploads to OSS";

    internal override UploadOptions BuildOptions() => new();

    /// <summary>Prepares and starts one resume.</summary>
    protected override void ProcessRecord()
    {
        if (FinishedAfterCancellation())
        {
            return;
        }

        UploadTarget? target = ParameterSetName == CheckpointSet ? null : UploadTarget.Select(ParameterSetName == InputObjectSet ? InputObject : null, Bucket, Key, UploadId);
        ErrorContext context = target?.NewErrorContext() ?? new ErrorContext { CheckpointPath = CheckpointPath };
        PreparedUpload upload;
        try
        {
            if (target is null)
            {
                context.CheckpointPath = ResolveLiteralFileSystemPath(CheckpointPath, nameof(CheckpointPath));
                upload = Batch.PrepareCheckpoint(BuildConnectionRequest(null), context.CheckpointPath);
            }
            else
            {
                context.LocalPath = ResolveLiteralFileSystemPath(LiteralPath, nameof(LiteralPath));
                upload = Batch.PrepareUpload(BuildConnectionRequest(target.Piped), target, context.LocalPath);
            }
        }
        catch (Exception ex) when (ErrorMapper.IsItemFailure(ex))
        {
            ReportItemFailure(ex, context);
            return;
        }

        StartUpload(upload, announced: false);
    }
}
