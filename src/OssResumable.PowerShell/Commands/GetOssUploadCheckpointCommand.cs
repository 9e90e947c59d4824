using System;
using System.Management.Automation;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.ExistingUploads;

namespace OssResumable.PowerShell.Commands;

/// <summary>
/// Lists the local checkpoints of unfinished uploads (file, destination, upload ID, parts and bytes done),
/// and with -CheckUpload whether OSS still has each upload. The output pipes into Resume-OssUpload and Stop-OssUpload.
/// Files whose checkpoint is gone (an upload ID record, an initiation marker, a lone lock file) are each a
/// warning that says what they are and what settles them.
/// </summary>
[Cmdlet(VerbsCommon.Get, "OssUploadCheckpoint")]
[OutputType(typeof(OssUploadCheckpoint))]
public sealed class GetOssUploadCheckpointCommand : OssCmdlet
{
    private string? _directory;

    /// <summary>The checkpoint directory to list (default: the per-user directory Send-OssFile uses).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? CheckpointDirectory { get; set; }

    /// <summary>Ask OSS whether each upload still exists (needs credentials; one request per checkpoint), filling ExistsOnOss.</summary>
    [Parameter]
    public SwitchParameter CheckUpload { get; set; }

    /// <inheritdoc />
    internal override void ValidateCommandParameters() =>
        _directory = CheckpointDirectory is null ? Core.Checkpoints.CheckpointDirectory.GetDefault() : ResolveLiteralFileSystemPath(CheckpointDirectory, nameof(CheckpointDirectory));

    /// <summary>Lists the directory.</summary>
    protected override void ProcessRecord()
    {
        foreach (string path in CheckpointFile.FindIn(_directory!))
        {
            if (Stopping)
            {
                return;
            }

            var context = new ErrorContext { CheckpointPath = path };
            OssUploadCheckpoint listed;
            try
            {
                listed = CheckpointListing.ToOutput(CheckpointFile.Open(path));
            }
            catch (CheckpointException ex)
            {
                WriteMapped(ex, context);
                continue;
            }

            if (CheckUpload && !Check(listed, context))
            {
                continue;
            }

            WriteObject(listed);
        }

        foreach (CheckpointLeftover leftover in CheckpointLeftover.FindIn(_directory!))
        {
            WriteWarning(LeftoverWarning.For(leftover));
        }
    }

    private bool Check(OssUploadCheckpoint listed, ErrorContext context)
    {
        (context.Bucket, context.Key, context.UploadId, context.LocalPath) = (listed.Bucket, listed.Key, listed.UploadId, listed.LocalPath);
        Task<bool> work;
        try
        {
            var client = Context.Clients.Get(BuildConnectionRequest(listed, null), out _);
            work = CheckpointListing.ExistsOnOssAsync(client, listed, Context.Cancellation);
        }
        catch (Exception ex) when (ErrorMapper.IsItemFailure(ex))
        {
            ReportItemFailure(ex, context);
            return false;
        }

        if (!RunItem(work, context))
        {
            return false;
        }

        listed.ExistsOnOss = work.Result;
        return true;
    }
}
