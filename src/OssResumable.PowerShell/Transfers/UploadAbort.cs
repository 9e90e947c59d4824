using System;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Configuration;

namespace OssResumable.PowerShell.Transfers;

/// <summary>Stop-OssUpload's work: aborts an upload (deleting its parts on OSS), and its checkpoint if given.</summary>
internal sealed class UploadAbort
{
    private readonly IOssClient _client;
    private readonly CheckpointSummary? _checkpoint;

    private UploadAbort(IOssClient client, ResolvedConnection connection, string bucket, string key, string uploadId, CheckpointSummary? checkpoint)
    {
        _client = client;
        Connection = connection;
        Bucket = bucket;
        Key = key;
        UploadId = uploadId;
        _checkpoint = checkpoint;
    }

    /// <summary>How the upload is reached (for error targets and -PassThru).</summary>
    public ResolvedConnection Connection { get; }

    /// <summary>Bucket.</summary>
    public string Bucket { get; }

    /// <summary>Key.</summary>
    public string Key { get; }

    /// <summary>Upload id.</summary>
    public string UploadId { get; }

    /// <summary>Validates and resolves the client for an upload given by id (no request is sent).</summary>
    /// <param name="clients">The command's clients.</param>
    /// <param name="request">Connection parameters.</param>
    /// <param name="bucket">Bucket.</param>
    /// <param name="key">Key.</param>
    /// <param name="uploadId">Upload id.</param>
    /// <param name="checkpointPath">A checkpoint of this upload to delete afterwards, or null.</param>
    /// <returns>The prepared abort.</returns>
    public static UploadAbort Prepare(ClientProvider clients, ConnectionRequest request, string bucket, string key, string uploadId, string? checkpointPath)
    {
        UploadTarget.Validate(bucket, key, uploadId);
        CheckpointSummary? checkpoint = null;
        if (!string.IsNullOrEmpty(checkpointPath) && System.IO.File.Exists(checkpointPath))
        {
            checkpoint = CheckpointSummary.Load(checkpointPath!);

            // Only a checkpoint of this very upload is deleted with it.
            if (!string.Equals(checkpoint.UploadId, uploadId, StringComparison.Ordinal))
            {
                checkpoint = null;
            }
        }

        IOssClient client = clients.Get(request, out ResolvedConnection connection);
        return new UploadAbort(client, connection, bucket, key, uploadId, checkpoint);
    }

    /// <summary>Resolves the client for the upload a checkpoint file records (its endpoint is the pipeline hint).</summary>
    /// <param name="clients">The command's clients.</param>
    /// <param name="request">Connection parameters (its pipeline hint is replaced by the checkpoint's connection).</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <returns>The prepared abort.</returns>
    public static UploadAbort Prepare(ClientProvider clients, ConnectionRequest request, CheckpointSummary checkpoint)
    {
        checkpoint.ApplyTo(request);
        IOssClient client = clients.Get(request, out ResolvedConnection connection);
        return new UploadAbort(client, connection, checkpoint.Bucket, checkpoint.Key, checkpoint.UploadId, checkpoint);
    }

    /// <summary>
    /// Aborts the upload, then deletes the checkpoint (holding its lock throughout, so a running upload
    /// is refused). An upload that no longer exists (completed or aborted before) is not an error for a
    /// cleanup: its checkpoint is deleted too and the result says so.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when the upload existed and was aborted; false when OSS no longer had it.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        IDisposable? held = _checkpoint?.Lock();
        try
        {
            bool existed = true;
            try
            {
                await _client.AbortMultipartUploadAsync(Bucket, Key, UploadId, cancellationToken).ConfigureAwait(false);
            }
            catch (OssServiceException ex) when (ex.IsNoSuchUpload)
            {
                existed = false;
            }

            _checkpoint?.DeleteFile();
            return existed;
        }
        finally
        {
            held?.Dispose();
        }
    }
}
