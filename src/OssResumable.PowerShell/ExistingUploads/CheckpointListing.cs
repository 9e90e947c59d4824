using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;

namespace OssResumable.PowerShell.ExistingUploads;

/// <summary>Get-OssUploadCheckpoint's work: turns checkpoint files into output objects and, if asked, asks OSS whether each upload still exists.</summary>
internal static class CheckpointListing
{
    /// <summary>What a checkpoint file records, as an object that pipes into Resume-OssUpload and Stop-OssUpload.</summary>
    /// <param name="file">The opened checkpoint.</param>
    /// <returns>The output object.</returns>
    public static OssUploadCheckpoint ToOutput(CheckpointFile file)
    {
        UploadCheckpoint recorded = file.Checkpoint;
        return new OssUploadCheckpoint(recorded.Bucket, recorded.Key, recorded.UploadId)
        {
            Initiated = recorded.CreatedUtc.ToLocalTime(),
            Endpoint = recorded.Endpoint,
            Region = recorded.Connection?.Region,
            SignatureVersion = recorded.Connection is null ? null : (int)recorded.Connection.SignatureVersion,
            PathStyle = recorded.Connection?.PathStyle,
            LocalPath = recorded.Source.FullPath,
            CheckpointPath = file.Path,
            PartsDone = recorded.CompletedPartCount,
            PartCount = recorded.PartCount,
            BytesDone = recorded.CompletedBytes,
            Size = recorded.Source.Length,
            LastWriteTime = File.GetLastWriteTime(file.Path),
        };
    }

    /// <summary>Whether OSS still has the upload (one ListParts page; NoSuchUpload means it was completed or aborted).</summary>
    /// <param name="client">A client for the checkpoint's endpoint.</param>
    /// <param name="checkpoint">The listed checkpoint.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>True when the upload exists.</returns>
    public static async Task<bool> ExistsOnOssAsync(IOssClient client, OssUploadCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        IAsyncEnumerator<ListedPart> parts = client.ListPartsAsync(checkpoint.Bucket, checkpoint.Key, checkpoint.UploadId, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            await parts.MoveNextAsync().ConfigureAwait(false);
            return true;
        }
        catch (OssServiceException ex) when (ex.IsNoSuchUpload)
        {
            return false;
        }
        finally
        {
            await parts.DisposeAsync().ConfigureAwait(false);
        }
    }
}
