using System;
using System.Management.Automation;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Pipeline;
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
        bool fromObject = ParameterSetName == InputObjectSet && InputObject is not null;
        string bucket = fromObject ? InputObject!.Bucket : Bucket;
        string key = fromObject ? InputObject!.Key : Key;
        string uploadId = fromObject ? InputObject!.UploadId : UploadId;
        var context = new ErrorContext { Bucket = bucket, Key = key, UploadId = uploadId, Endpoint = Endpoint, Region = Region };
        if (fromObject)
        {
            context.WithConnectionOf(InputObject!);
        }

        PartListing listing;
        try
        {
            listing = PartListing.Prepare(Context.Clients, BuildConnectionRequest(fromObject ? InputObject : null, null), bucket, key, uploadId);
            context.WithConnection(listing.Connection);
        }
        catch (OssConfigurationException ex)
        {
            ThrowMapped(ex, context);
            return;
        }
        catch (ArgumentException ex)
        {
            WriteMapped(ex, context);
            return;
        }

        PipelineMessagePump pump = Context.Pump;
        try
        {
            RunToCompletion(listing.RunAsync(pump.PostObject, Context.Cancellation), null);
        }
        catch (OperationCanceledException) when (Stopping)
        {
            // Ctrl+C: nothing to clean up for a listing.
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteMapped(ex, context);
        }
    }
}
