using System;
using System.Management.Automation;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.ExistingUploads;

namespace OssResumable.PowerShell.Commands;

/// <summary>
/// Lists unfinished multipart uploads of a bucket.
/// </summary>
[Cmdlet(VerbsCommon.Get, "OssMultipartUpload")]
[OutputType(typeof(OssMultipartUpload))]
public sealed class GetOssMultipartUploadCommand : OssCmdlet
{
    /// <summary>The bucket.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Bucket { get; set; } = string.Empty;

    /// <summary>Only uploads whose key starts with this.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.KeyCompleter))]
    public string? Prefix { get; set; }

    /// <summary>Only uploads of exactly this key.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.KeyCompleter))]
    public string? Key { get; set; }

    /// <summary>Only uploads initiated longer ago than this: a TimeSpan, a number of days, or 7d, 36h, 90m.</summary>
    [Parameter]
    [AgeTransformation]
    public TimeSpan? OlderThan { get; set; }

    /// <inheritdoc />
    internal override void ValidateCommandParameters() => UploadListing.ValidateFilters(Prefix, Key);

    /// <summary>Lists one bucket, writing uploads as the pages arrive.</summary>
    protected override void ProcessRecord()
    {
        var context = new ErrorContext { Bucket = Bucket };
        UploadListing listing;
        try
        {
            listing = UploadListing.Prepare(Context.Clients, BuildConnectionRequest(null, null), Bucket, Prefix, Key, OlderThan);
        }
        catch (Exception ex) when (ErrorMapper.IsItemFailure(ex))
        {
            ReportItemFailure(ex, context);
            return;
        }

        RunItem(listing.RunAsync(DateTimeOffset.UtcNow, Context.Pump.PostObject, Context.Cancellation), context);
    }
}
