using System;
using System.Management.Automation;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Transfers;

namespace OssResumable.PowerShell.Commands;

/// <summary>Lists the parts OSS holds for an unfinished multipart upload.</summary>
[Cmdlet(VerbsCommon.Get, "OssUploadPart", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(OssUploadPart))]
public sealed class GetOssUploadPartCommand : OssCmdlet
{
    private const string UploadIdSet = "UploadId";
    private const string InputObjectSet = "InputObject";

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

    /// <summary>An upload from Get-OssMultipartUpload (its endpoint and region are used unless -Endpoint/-Region are given).</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public OssMultipartUpload? InputObject { get; set; }

    /// <summary>Lists one upload's parts, writing them as the pages arrive.</summary>
    protected override void ProcessRecord()
    {
        UploadTarget target = UploadTarget.Select(ParameterSetName == InputObjectSet ? InputObject : null, Bucket, Key, UploadId);
        ErrorContext context = target.NewErrorContext();
        context.Endpoint ??= Endpoint;
        context.Region ??= Region;
        PartListing listing;
        try
        {
            listing = PartListing.Prepare(Context.Clients, BuildConnectionRequest(target.Piped, null), target.Bucket, target.Key, target.UploadId);
        }
        catch (Exception ex) when (ErrorMapper.IsItemFailure(ex))
        {
            ReportItemFailure(ex, context);
            return;
        }

        context.WithConnection(listing.Connection);
        RunItem(listing.RunAsync(Context.Pump.PostObject, Context.Cancellation), context);
    }
}
