using System;
using System.IO;
using OssResumable.Core.Checkpoints;
using OssResumable.PowerShell.Configuration;

namespace OssResumable.PowerShell.Transfers;

/// <summary>What a checkpoint file says about its upload (read before a client exists, for its endpoint).</summary>
internal sealed class CheckpointSummary
{
    private CheckpointSummary(string path, UploadCheckpoint checkpoint)
    {
        Path = path;
        Bucket = checkpoint.Bucket;
        Key = checkpoint.Key;
        UploadId = checkpoint.UploadId;
        Endpoint = checkpoint.Endpoint;
        Connection = checkpoint.Connection;
        SourcePath = checkpoint.Source.FullPath;
        CompletedParts = checkpoint.CompletedPartCount;
        PartCount = checkpoint.PartCount;
        Identity = checkpoint.Identity;
    }

    /// <summary>The checkpoint file (absolute).</summary>
    public string Path { get; }

    /// <summary>Bucket.</summary>
    public string Bucket { get; }

    /// <summary>Key.</summary>
    public string Key { get; }

    /// <summary>Upload id.</summary>
    public string UploadId { get; }

    /// <summary>Endpoint the upload was started through.</summary>
    public string Endpoint { get; }

    /// <summary>How the upload was signed and addressed; null in checkpoints of earlier releases.</summary>
    public CheckpointConnection? Connection { get; }

    /// <summary>The local file.</summary>
    public string SourcePath { get; }

    /// <summary>Parts recorded as done.</summary>
    public int CompletedParts { get; }

    /// <summary>Parts in the plan.</summary>
    public int PartCount { get; }

    internal CheckpointIdentity Identity { get; }

    /// <summary>
    /// Makes the checkpoint the request's pipeline hint: its endpoint, and the region, signature version and
    /// addressing the upload was started with, are used unless -Endpoint says otherwise.
    /// </summary>
    /// <param name="request">The connection request to fill in.</param>
    public void ApplyTo(ConnectionRequest request)
    {
        request.PipelineEndpoint = Endpoint;
        request.PipelineRegion = Connection?.Region;
        request.PipelineSignatureVersion = Connection is null ? null : (int)Connection.SignatureVersion;
        request.PipelinePathStyle = Connection?.PathStyle;
    }

    /// <summary>Reads and validates a checkpoint file.</summary>
    /// <param name="path">The file (relative paths are resolved by the caller).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="CheckpointException">Missing, damaged or not a checkpoint.</exception>
    public static CheckpointSummary Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        return new CheckpointSummary(full, FileCheckpointStore.LoadFile(full));
    }

    /// <summary>
    /// Deletes the checkpoint file. The caller holds the upload's lock (<see cref="Lock"/>), so a running
    /// upload is never pulled from under it. Call after the upload was aborted.
    /// </summary>
    public void DeleteFile()
    {
        var store = new FileCheckpointStore(DirectoryOf(Path));
        if (string.Equals(store.GetCheckpointPath(Identity), Path, StringComparison.Ordinal))
        {
            store.Delete(Identity);
        }
        else if (File.Exists(Path))
        {
            File.Delete(Path);
        }
    }

    /// <summary>Throws <see cref="CheckpointException"/> (Locked) when an upload is running on this checkpoint.</summary>
    /// <returns>The lock; dispose to release.</returns>
    public IDisposable Lock()
    {
        return new FileCheckpointStore(DirectoryOf(Path)).AcquireLock(Identity);
    }

    private static string DirectoryOf(string path) =>
        System.IO.Path.GetDirectoryName(path) ?? throw new InvalidOperationException("The checkpoint path has no directory.");
}
