using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.PowerShell.Configuration;

namespace OssResumable.PowerShell.ExistingUploads;

/// <summary>
/// Stop-OssUpload's work: which upload to abort (and which checkpoint with it), reached through which
/// connection. The abort itself — lock, abort, checkpoint and record removed — is the engine's
/// (<see cref="ResumableUploader.AbortAsync(CheckpointFile, CancellationToken)"/>).
/// </summary>
internal sealed class UploadStop
{
    private readonly ResumableUploader _uploader;
    private readonly CheckpointFile? _checkpoint;

    private UploadStop(IOssClient client, ResolvedConnection connection, string bucket, string key, string uploadId, CheckpointFile? checkpoint)
    {
        _uploader = new ResumableUploader(client);
        _checkpoint = checkpoint;
        Connection = connection;
        Bucket = bucket;
        Key = key;
        UploadId = uploadId;
    }

    /// <summary>How the upload is reached (for error targets and -PassThru).</summary>
    public ResolvedConnection Connection { get; }

    /// <summary>Bucket.</summary>
    public string Bucket { get; }

    /// <summary>Key.</summary>
    public string Key { get; }

    /// <summary>Upload id.</summary>
    public string UploadId { get; }

    /// <summary>The checkpoint deleted with the upload, or null.</summary>
    public string? CheckpointPath => _checkpoint?.Path;

    /// <summary>The local file the checkpoint records, or null.</summary>
    public string? LocalPath => _checkpoint?.Checkpoint.Source.FullPath;

    /// <summary>
    /// Validates and resolves the client for an upload given by id (no request is sent). A checkpoint that
    /// records exactly this upload is deleted with it (the piped object's, else one found in the default
    /// checkpoint directory, so <c>Get-OssMultipartUpload | Stop-OssUpload</c> leaves no checkpoint behind);
    /// any other is left alone.
    /// </summary>
    /// <param name="clients">The command's clients.</param>
    /// <param name="request">Connection parameters.</param>
    /// <param name="bucket">Bucket.</param>
    /// <param name="key">Key.</param>
    /// <param name="uploadId">Upload id.</param>
    /// <param name="checkpointPath">A checkpoint the upload names (a piped object's), or null.</param>
    /// <returns>The prepared abort.</returns>
    public static UploadStop ForUpload(ClientProvider clients, ConnectionRequest request, string bucket, string key, string uploadId, string? checkpointPath)
    {
        UploadTarget.Validate(bucket, key, uploadId);
        CheckpointFile? checkpoint = CheckpointFile.TryOpenFor(checkpointPath, bucket, key, uploadId)
            ?? CheckpointFile.FindFor(CheckpointDirectory.GetDefault(), bucket, key, uploadId);
        IOssClient client = clients.Get(request, out ResolvedConnection connection);
        var stop = new UploadStop(client, connection, bucket, key, uploadId, checkpoint);

        // A checkpoint written through another endpoint is not this client's to abort: the upload alone is.
        return checkpoint is null || stop._uploader.IsThroughThisEndpoint(checkpoint) ? stop : new UploadStop(client, connection, bucket, key, uploadId, null);
    }

    /// <summary>Reads a checkpoint file and resolves the client for its upload (its connection is the pipeline hint).</summary>
    /// <param name="clients">The command's clients.</param>
    /// <param name="request">Connection parameters (its pipeline hint is replaced by the checkpoint's connection).</param>
    /// <param name="checkpointPath">The checkpoint file (absolute).</param>
    /// <returns>The prepared abort.</returns>
    /// <exception cref="CheckpointException">Missing, damaged or not a checkpoint.</exception>
    public static UploadStop ForCheckpoint(ClientProvider clients, ConnectionRequest request, string checkpointPath)
    {
        CheckpointFile checkpoint = CheckpointFile.Open(checkpointPath);
        UploadCheckpoint recorded = checkpoint.Checkpoint;
        IOssClient client = clients.Get(request.WithCheckpoint(recorded), out ResolvedConnection connection);
        return new UploadStop(client, connection, recorded.Bucket, recorded.Key, recorded.UploadId, checkpoint);
    }

    /// <summary>Aborts the upload (and deletes its checkpoint, if any).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when the upload existed and was aborted; false when OSS no longer had it.</returns>
    public Task<bool> RunAsync(CancellationToken cancellationToken) => _checkpoint is null
        ? _uploader.AbortAsync(Bucket, Key, UploadId, cancellationToken)
        : _uploader.AbortAsync(_checkpoint, cancellationToken);
}
