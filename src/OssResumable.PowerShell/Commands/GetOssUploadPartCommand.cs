using System;
using System.Management.Automation;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.ExistingUploads;

namespace OssResumable.PowerShell.Commands;

/// <summary>Lists the parts OSS holds for an unfinished multipart upload.</summary>
[Cmdlet(VerbsCommon.Get, "OssUploadPart", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(OssUploadPart))]
public sealed class GetOssUploadPartCommand : ExistingUploadCmdlet
{
    /// <summary>Lists one upload's parts, writing them as the pages arrive.</summary>
    protected override void ProcessRecord()
    {
        UploadTarget target = Target!;
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
