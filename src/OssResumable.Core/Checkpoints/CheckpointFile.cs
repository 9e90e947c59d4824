using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// A checkpoint file a user names (a resume or an abort by checkpoint path, a listing, tab completion):
/// read and checked once, so that what it records (endpoint, connection, destination, upload ID) can
/// choose the client before the upload is resumed or aborted through a
/// <see cref="Transfer.ResumableUploader"/>, which owns everything done to the file afterwards.
/// </summary>
public sealed class CheckpointFile
{
    private CheckpointFile(string path, UploadCheckpoint checkpoint)
    {
        Path = path;
        Checkpoint = checkpoint;
    }

    /// <summary>The checkpoint file (absolute).</summary>
    public string Path { get; }

    /// <summary>The directory it is in: the checkpoint store of its upload.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>What the file records, as read when it was opened.</summary>
    public UploadCheckpoint Checkpoint { get; }

    /// <summary>Reads and validates a checkpoint file.</summary>
    /// <param name="path">The file (relative paths against the current directory).</param>
    /// <returns>The opened file.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="CheckpointException">Missing, unreadable, damaged, or not a checkpoint; <see cref="CheckpointException.Reason"/> says which.</exception>
    public static CheckpointFile Open(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A checkpoint path is required.", nameof(path));
        }

        string full = System.IO.Path.GetFullPath(path);
        return new CheckpointFile(full, FileCheckpointStore.LoadFile(full));
    }

    /// <summary>
    /// For an upload known by bucket, key and ID that also names a checkpoint path (an error's target
    /// object, a listing): the checkpoint, when that file exists and records exactly this upload (and
    /// this local file, when one is given); otherwise null, and the upload is to be reached by its ID alone.
    /// </summary>
    /// <param name="path">The checkpoint path the upload names, or null.</param>
    /// <param name="bucket">The upload's bucket.</param>
    /// <param name="key">The upload's key.</param>
    /// <param name="uploadId">The upload ID.</param>
    /// <param name="localPath">The local file the caller means, or null for any.</param>
    /// <returns>The opened file, or null.</returns>
    /// <exception cref="CheckpointException">The file exists but cannot be used.</exception>
    public static CheckpointFile? TryOpenFor(string? path, string bucket, string key, string uploadId, string? localPath = null)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return null;
        }

        CheckpointFile file = Open(path!);
        UploadCheckpoint recorded = file.Checkpoint;
        bool sameUpload = string.Equals(recorded.Bucket, bucket, StringComparison.Ordinal)
            && string.Equals(recorded.Key, key, StringComparison.Ordinal)
            && string.Equals(recorded.UploadId, uploadId, StringComparison.Ordinal);
        bool sameFile = localPath is null || Files.PathComparison.AreSame(recorded.Source.FullPath, System.IO.Path.GetFullPath(localPath));
        return sameUpload && sameFile ? file : null;
    }

    /// <summary>
    /// The checkpoint files (<c>*.checkpoint.json</c>) of a directory, sorted by name, without reading them
    /// (a listing opens each with <see cref="Open"/> and reports the damaged ones on their own).
    /// </summary>
    /// <param name="directory">The checkpoint directory (absolute); a missing one holds none.</param>
    /// <returns>The absolute paths.</returns>
    public static IReadOnlyList<string> FindIn(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory) || !System.IO.Directory.Exists(directory))
        {
            return Array.Empty<string>();
        }

        return System.IO.Directory.EnumerateFiles(directory, "*" + CheckpointFormat.FileExtension)
            .Where(path => path.EndsWith(CheckpointFormat.FileExtension, StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The checkpoint in <paramref name="directory"/> that records exactly this upload, or null: how an upload
    /// known only by its ID (Get-OssMultipartUpload output) finds its local checkpoint, so that finishing or
    /// aborting it also removes the checkpoint. Files that cannot be read are passed over.
    /// </summary>
    /// <param name="directory">The checkpoint directory (absolute).</param>
    /// <param name="bucket">The upload's bucket.</param>
    /// <param name="key">The upload's key.</param>
    /// <param name="uploadId">The upload ID.</param>
    /// <param name="localPath">The local file the caller means, or null for any.</param>
    /// <returns>The opened file, or null.</returns>
    public static CheckpointFile? FindFor(string directory, string bucket, string key, string uploadId, string? localPath = null)
    {
        foreach (string path in FindIn(directory))
        {
            try
            {
                if (TryOpenFor(path, bucket, key, uploadId, localPath) is { } found)
                {
                    return found;
                }
            }
            catch (CheckpointException)
            {
                // A damaged or foreign file is not this upload's checkpoint; the listing reports it.
            }
        }

        return null;
    }

    // A copy under another name is not the store's: when its upload is gone, only the copy itself is removed.
    internal void DeleteCopy()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(CheckpointFailureReason.WriteFailed, Path, "The checkpoint '" + Path + "' could not be deleted: " + ex.Message, ex);
        }
    }
}
