using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// A file of a checkpoint directory whose checkpoint (<c>&lt;stem&gt;.checkpoint.json</c>) is gone: an upload ID
/// record, an initiation marker, or a lone lock file. A listing shows them so that nothing a run left is
/// hidden; the next upload of the same file to the same object settles them, and so does finishing or
/// aborting the upload a record names by its ID (docs/checkpoint-format.md).
/// </summary>
public sealed class CheckpointLeftover
{
    private CheckpointLeftover(string path, CheckpointLeftoverKind kind)
    {
        Path = path;
        Kind = kind;
        LastWriteTimeUtc = File.GetLastWriteTimeUtc(path);
    }

    /// <summary>The file (absolute).</summary>
    public string Path { get; }

    /// <summary>What the file is.</summary>
    public CheckpointLeftoverKind Kind { get; }

    /// <summary>The file's last write time (UTC).</summary>
    public DateTime LastWriteTimeUtc { get; }

    /// <summary>For an intact upload ID record: what it records (file, object, endpoint, upload ID); otherwise null.</summary>
    public UploadIdRecord? Record { get; private set; }

    /// <summary>For an upload ID record that cannot be read: why; otherwise null.</summary>
    public string? Problem { get; private set; }

    /// <summary>For an initiation marker: when the interrupted initiation started (UTC); otherwise null.</summary>
    public DateTime? InitiatingUtc { get; private set; }

    /// <summary>
    /// The leftovers of a directory, sorted by file name: records and markers without a checkpoint of the
    /// same stem, and lock files with neither a checkpoint, a record nor a marker. Nothing is modified.
    /// </summary>
    /// <param name="directory">The checkpoint directory (absolute); a missing one holds none.</param>
    /// <returns>The leftovers.</returns>
    public static IReadOnlyList<CheckpointLeftover> FindIn(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory) || !System.IO.Directory.Exists(directory))
        {
            return Array.Empty<CheckpointLeftover>();
        }

        var names = new HashSet<string>(System.IO.Directory.EnumerateFiles(directory).Select(System.IO.Path.GetFileName)!, StringComparer.Ordinal);
        var found = new List<CheckpointLeftover>();
        foreach (string name in names.OrderBy(n => n, StringComparer.Ordinal))
        {
            string path = System.IO.Path.Combine(directory, name);
            if (StemOf(name, CheckpointFormat.UploadIdRecordExtension) is { } recordStem && !Has(names, recordStem, CheckpointFormat.FileExtension))
            {
                found.Add(ReadRecord(path));
            }
            else if (StemOf(name, CheckpointFormat.InitiatingExtension) is { } markerStem && !Has(names, markerStem, CheckpointFormat.FileExtension))
            {
                found.Add(new CheckpointLeftover(path, CheckpointLeftoverKind.InitiatingMarker) { InitiatingUtc = FileCheckpointStore.ReadInitiatingMark(path) });
            }
            else if (StemOf(name, CheckpointFormat.LockExtension) is { } lockStem
                && !Has(names, lockStem, CheckpointFormat.FileExtension) && !Has(names, lockStem, CheckpointFormat.UploadIdRecordExtension) && !Has(names, lockStem, CheckpointFormat.InitiatingExtension))
            {
                found.Add(new CheckpointLeftover(path, CheckpointLeftoverKind.Lock));
            }
        }

        return found;
    }

    /// <summary>
    /// The intact upload ID records of a directory that name this upload (with or without a checkpoint):
    /// how an upload finished or aborted by its ID finds the local files that named it.
    /// </summary>
    /// <param name="directory">The checkpoint directory (absolute).</param>
    /// <param name="bucket">The upload's bucket.</param>
    /// <param name="key">The upload's key.</param>
    /// <param name="uploadId">The upload ID.</param>
    /// <returns>The records.</returns>
    internal static IReadOnlyList<UploadIdRecord> FindRecordsOf(string directory, string bucket, string key, string uploadId)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return Array.Empty<UploadIdRecord>();
        }

        return System.IO.Directory.EnumerateFiles(directory, "*" + CheckpointFormat.UploadIdRecordExtension)
            .Select(path => ReadRecord(path).Record)
            .Where(record => record is not null && record.UploadId == uploadId && record.Bucket == bucket && record.Key == key)
            .ToList()!;
    }

    private static CheckpointLeftover ReadRecord(string path)
    {
        var leftover = new CheckpointLeftover(path, CheckpointLeftoverKind.UploadIdRecord);
        try
        {
            leftover.Record = FileCheckpointStore.TryLoadUploadIdRecordFile(path);
        }
        catch (CheckpointException ex)
        {
            leftover.Problem = ex.Message;
        }

        return leftover;
    }

    private static string? StemOf(string name, string extension) =>
        name.EndsWith(extension, StringComparison.Ordinal) && name.Length > extension.Length ? name.Substring(0, name.Length - extension.Length) : null;

    private static bool Has(HashSet<string> names, string stem, string extension) => names.Contains(stem + extension);
}
