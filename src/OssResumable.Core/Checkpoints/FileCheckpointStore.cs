using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// Stores checkpoints as JSON files in one directory (by default a per-user state directory, see
/// <see cref="CheckpointDirectory"/>): written atomically (temporary file, flush to disk, rename),
/// readable only by the current user, one file per source-and-destination pair, plus a lock file
/// held while an upload runs. Details in docs/checkpoint-format.md.
/// </summary>
public sealed class FileCheckpointStore : ICheckpointStore
{
    // Lock files held by this process, so two uploads in one process exclude each other even where
    // the OS lock is advisory or disabled (DOTNET_SYSTEM_IO_DISABLEFILELOCKING).
    private static readonly ConcurrentDictionary<string, byte> s_heldLocks = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, SaveGate> _gates = new(StringComparer.Ordinal);
    private readonly bool _isDefaultDirectory;
    private readonly object _directoryGate = new();
    private bool _directoryReady;
    private int _writeCount;

    /// <summary>Creates a store in the default per-user checkpoint directory.</summary>
    public FileCheckpointStore()
        : this(CheckpointDirectory.GetDefault(), isDefaultDirectory: true)
    {
    }

    /// <summary>Creates a store in an explicit directory (created owner-only if missing).</summary>
    /// <param name="directory">An absolute directory path. Relative paths are refused: they would depend on the working directory.</param>
    /// <exception cref="ArgumentException">The path is empty or relative.</exception>
    public FileCheckpointStore(string directory)
        : this(directory, isDefaultDirectory: false)
    {
    }

    internal FileCheckpointStore(string directory, bool isDefaultDirectory)
    {
        if (string.IsNullOrEmpty(directory) || !Path.IsPathRooted(directory))
        {
            throw new ArgumentException(
                "The checkpoint directory must be an absolute path; a relative one would depend on the working directory.",
                nameof(directory));
        }

        Directory = Path.GetFullPath(directory);
        _isDefaultDirectory = isDefaultDirectory;
    }

    /// <summary>The directory holding the checkpoint files.</summary>
    public string Directory { get; }

    // Test seam: wraps the temporary file's stream during a save, to simulate a failure mid-write.
    internal Func<Stream, Stream>? TempStreamWrapper { get; set; }

    // Test seam: counts the files actually written, to observe save coalescing.
    internal int WriteCount => Volatile.Read(ref _writeCount);

    /// <inheritdoc/>
    public string GetCheckpointPath(CheckpointIdentity identity) =>
        Path.Combine(Directory, RequireIdentity(identity).FileStem + CheckpointFormat.FileExtension);

    /// <summary>The lock file of an upload.</summary>
    /// <param name="identity">The upload.</param>
    /// <returns>The lock file's path.</returns>
    public string GetLockPath(CheckpointIdentity identity) =>
        Path.Combine(Directory, RequireIdentity(identity).FileStem + CheckpointFormat.LockExtension);

    /// <inheritdoc/>
    public UploadCheckpoint Load(CheckpointIdentity identity)
    {
        string path = GetCheckpointPath(identity);
        return TryLoadFrom(path)
            ?? throw new CheckpointException(CheckpointFailureReason.NotFound, path, "There is no checkpoint for " + identity + " ('" + path + "').", null);
    }

    /// <inheritdoc/>
    public UploadCheckpoint? TryLoad(CheckpointIdentity identity) => TryLoadFrom(GetCheckpointPath(identity));

    // A checkpoint file by path, whatever its name (CheckpointFile.Open, for files users name).
    internal static UploadCheckpoint LoadFile(string path) =>
        TryLoadFrom(path) ?? throw new CheckpointException(CheckpointFailureReason.NotFound, path, "The checkpoint file '" + path + "' does not exist.", null);

    /// <inheritdoc/>
    public void Save(UploadCheckpoint checkpoint)
    {
        if (checkpoint is null)
        {
            throw new ArgumentNullException(nameof(checkpoint));
        }

        string path = GetCheckpointPath(checkpoint.Identity);
        long wanted = checkpoint.Revision;
        SaveGate gate = _gates.GetOrAdd(path, _ => new SaveGate());
        lock (gate)
        {
            // Another thread wrote a state that already includes this caller's change while it waited.
            if (gate.InstanceId == checkpoint.InstanceId && gate.Revision >= wanted)
            {
                return;
            }

            CheckpointState state = checkpoint.CaptureState();
            byte[] content = CheckpointSerializer.Serialize(checkpoint, state);
            try
            {
                EnsureDirectory();
                if (!gate.StaleFilesRemoved)
                {
                    RemoveStaleTempFiles(checkpoint.Identity);
                    gate.StaleFilesRemoved = true;
                }

                AtomicFile.Write(path, content, TempStreamWrapper);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CheckpointException(
                    CheckpointFailureReason.WriteFailed,
                    path,
                    "The checkpoint '" + path + "' could not be written: " + ex.Message + " The previous checkpoint, if any, is unchanged.",
                    ex);
            }

            Interlocked.Increment(ref _writeCount);
            gate.InstanceId = checkpoint.InstanceId;
            gate.Revision = state.Revision;
        }
    }

    /// <inheritdoc/>
    public bool Delete(CheckpointIdentity identity)
    {
        string path = GetCheckpointPath(identity);
        SaveGate gate = _gates.GetOrAdd(path, _ => new SaveGate());
        lock (gate)
        {
            gate.InstanceId = 0;
            gate.Revision = -1;
            try
            {
                bool existed = File.Exists(path);
                File.Delete(path);

                // After the checkpoint: until both are gone, the record still names the upload.
                File.Delete(GetUploadIdRecordPath(identity));
                RemoveStaleTempFiles(identity);
                return existed;
            }
            catch (DirectoryNotFoundException)
            {
                return false;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CheckpointException(CheckpointFailureReason.WriteFailed, path, "The checkpoint '" + path + "' could not be deleted: " + ex.Message, ex);
            }
        }
    }

    /// <summary>The upload ID record of an upload (see <see cref="SaveUploadIdRecord"/>).</summary>
    /// <param name="identity">The upload.</param>
    /// <returns>The record's path.</returns>
    public string GetUploadIdRecordPath(CheckpointIdentity identity) =>
        Path.Combine(Directory, RequireIdentity(identity).FileStem + CheckpointFormat.UploadIdRecordExtension);

    /// <inheritdoc/>
    public void SaveUploadIdRecord(UploadIdRecord record)
    {
        if (record is null)
        {
            throw new ArgumentNullException(nameof(record));
        }

        string path = GetUploadIdRecordPath(record.Identity);
        try
        {
            EnsureDirectory();
            AtomicFile.Write(path, UploadIdRecordSerializer.Serialize(record), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(CheckpointFailureReason.WriteFailed, path, "The upload ID record '" + path + "' could not be written: " + ex.Message, ex);
        }
    }

    /// <inheritdoc/>
    public UploadIdRecord? TryLoadUploadIdRecord(CheckpointIdentity identity)
    {
        string path = GetUploadIdRecordPath(identity);
        byte[]? content = ReadSmallFile(path, "upload ID record");
        return content is null ? null : UploadIdRecordSerializer.Deserialize(content, path, identity);
    }

    /// <inheritdoc/>
    public bool MayHoldEarlierRun(CheckpointIdentity identity) =>
        File.Exists(GetCheckpointPath(identity)) || File.Exists(GetUploadIdRecordPath(identity))
            || File.Exists(GetInitiatingMarkPath(identity)) || File.Exists(GetLockPath(identity));

    /// <summary>The marker file of an initiation in progress.</summary>
    /// <param name="identity">The upload.</param>
    /// <returns>The marker's path.</returns>
    public string GetInitiatingMarkPath(CheckpointIdentity identity) =>
        Path.Combine(Directory, RequireIdentity(identity).FileStem + CheckpointFormat.InitiatingExtension);

    /// <inheritdoc/>
    public void MarkInitiating(CheckpointIdentity identity, DateTime startedUtc)
    {
        string path = GetInitiatingMarkPath(identity);
        byte[] content = Encoding.UTF8.GetBytes(startedUtc.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) + "\n");
        try
        {
            EnsureDirectory();
            AtomicFile.Write(path, content, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(CheckpointFailureReason.WriteFailed, path, "The marker '" + path + "' could not be written: " + ex.Message, ex);
        }
    }

    /// <inheritdoc/>
    public DateTime? TryGetInitiatingMark(CheckpointIdentity identity) => ReadInitiatingMark(GetInitiatingMarkPath(identity));

    // An upload ID record by path, whatever identity it names (its file name must still derive from it).
    internal static UploadIdRecord? TryLoadUploadIdRecordFile(string path)
    {
        byte[]? content = ReadSmallFile(path, "upload ID record");
        return content is null ? null : UploadIdRecordSerializer.Deserialize(content, path, null);
    }

    // When the initiation a marker file stands for started, or null when there is no such file.
    internal static DateTime? ReadInitiatingMark(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            string text = File.ReadAllText(path, Encoding.UTF8).Trim();
            if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTime started))
            {
                return started.ToUniversalTime();
            }

            // A damaged marker still says that an initiation was interrupted; the file's own time
            // is written just before the request, so it is as good a start time.
            return File.GetLastWriteTimeUtc(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return File.Exists(path) ? File.GetLastWriteTimeUtc(path) : null;
        }
    }

    /// <inheritdoc/>
    public void ClearInitiatingMark(CheckpointIdentity identity) => AtomicFile.TryDelete(GetInitiatingMarkPath(identity));

    /// <inheritdoc/>
    public IDisposable AcquireLock(CheckpointIdentity identity)
    {
        string path = GetLockPath(identity);
        if (!s_heldLocks.TryAdd(path, 0))
        {
            throw LockedError(identity, path, "this process is already uploading it", null);
        }

        try
        {
            EnsureDirectory();
            FileStream stream = OpenLockFile(identity, path);
            return new CheckpointLock(path, stream, () => s_heldLocks.TryRemove(path, out _));
        }
        catch
        {
            s_heldLocks.TryRemove(path, out _);
            throw;
        }
    }

    private static UploadCheckpoint? TryLoadFrom(string path)
    {
        byte[]? content = ReadSmallFile(path, "checkpoint");
        return content is null ? null : CheckpointSerializer.Deserialize(content, path);
    }

    // The whole file, or null when it does not exist; never a raw I/O exception.
    private static byte[]? ReadSmallFile(string path, string noun)
    {
        byte[] content;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            if (stream.Length > CheckpointFormat.MaxFileSize)
            {
                throw new CheckpointException(
                    CheckpointFailureReason.Corrupt,
                    path,
                    "The " + noun + " '" + path + "' cannot be used: at " + stream.Length.ToString(CultureInfo.InvariantCulture)
                        + " bytes it is far larger than any " + noun + ".",
                    null);
            }

            content = new byte[stream.Length];
            int filled = 0;
            while (filled < content.Length)
            {
                int read = stream.Read(content, filled, content.Length - filled);
                if (read == 0)
                {
                    Array.Resize(ref content, filled);
                    break;
                }

                filled += read;
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(CheckpointFailureReason.Unreadable, path, "The " + noun + " '" + path + "' cannot be read: " + ex.Message, ex);
        }

        return content;
    }

    private static CheckpointException LockedError(CheckpointIdentity identity, string lockPath, string detail, Exception? inner) =>
        new(
            CheckpointFailureReason.Locked,
            lockPath,
            "Another upload of '" + identity.SourcePath + "' to " + identity.Destination + " is in progress (" + detail
                + "; lock file '" + lockPath + "'). Wait for it to finish or stop it first.",
            inner);

    private static CheckpointIdentity RequireIdentity(CheckpointIdentity identity) =>
        identity ?? throw new ArgumentNullException(nameof(identity));

    private FileStream OpenLockFile(CheckpointIdentity identity, string path)
    {
        // A lock file is deleted when released (DeleteOnClose). If we opened the file just as its
        // holder deleted it, our lock is on an unlinked file: detect that and open the new one.
        for (int attempt = 0; ; attempt++)
        {
            FileStream stream;
            try
            {
                stream = OwnerOnlyFiles.OpenExclusive(path);
            }
            catch (Exception ex) when (ex is IOException and not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
            {
                // .NET takes even shared readers' flock, so the holder's note cannot be read from here;
                // an administrator can read it with any tool that does not lock (cat, type).
                throw LockedError(identity, path, "another process holds its lock", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new CheckpointException(CheckpointFailureReason.Locked, path, "The lock file '" + path + "' cannot be opened: " + ex.Message, ex);
            }

            if (File.Exists(path) || attempt >= 3)
            {
                WriteHolderNote(stream);
                return stream;
            }

            stream.Dispose();
        }
    }

    private static void WriteHolderNote(FileStream stream)
    {
        string note = "process " + System.Diagnostics.Process.GetCurrentProcess().Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + " on " + Environment.MachineName + " since " + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) + "\n";
        byte[] bytes = Encoding.UTF8.GetBytes(note);
        stream.SetLength(0);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush();
    }

    private void EnsureDirectory()
    {
        lock (_directoryGate)
        {
            if (_directoryReady && System.IO.Directory.Exists(Directory))
            {
                return;
            }

            OwnerOnlyFiles.CreateDirectory(Directory);
            if (_isDefaultDirectory && !OwnerOnlyFiles.IsWindows)
            {
                SecureDefaultDirectory();
            }

            _directoryReady = true;
        }
    }

    // The default directory and its parent (".../ossresumable" or "/var/tmp/ossresumable-<user>") are
    // ours by name. Tightening them to 0700 fails unless we own them, which also defeats a directory
    // planted by another user in a shared location such as /var/tmp.
    private void SecureDefaultDirectory()
    {
        string? parent = Path.GetDirectoryName(Directory);
        foreach (string directory in parent is null ? new[] { Directory } : new[] { parent, Directory })
        {
            var info = new DirectoryInfo(directory);
            if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                throw new UnauthorizedAccessException("The checkpoint directory '" + directory + "' is a symbolic link; refusing to use it.");
            }

            OwnerOnlyFiles.SetUnixMode(directory, OwnerOnlyFiles.DirectoryMode);
        }
    }

    // Temporary files of this checkpoint or its upload ID record left by a crash mid-save. Called under the save gate, and the
    // upload lock keeps other processes away from this checkpoint.
    private void RemoveStaleTempFiles(CheckpointIdentity identity)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        foreach (string extension in new[] { CheckpointFormat.FileExtension, CheckpointFormat.UploadIdRecordExtension })
        {
            foreach (string stale in System.IO.Directory.EnumerateFiles(Directory, identity.FileStem + extension + AtomicFile.TempMarker + "*"))
            {
                AtomicFile.TryDelete(stale);
            }
        }
    }

    private sealed class SaveGate
    {
        public long InstanceId { get; set; }

        public long Revision { get; set; } = -1;

        public bool StaleFilesRemoved { get; set; }
    }
}
