using System;
using System.IO;
using System.Threading;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// Replaces a file's content so that readers (and a crash at any instant) see either the complete old
/// content or the complete new content, never a mixture: write a temporary file in the same
/// directory, flush it to the disk, then rename it over the target.
/// </summary>
internal static class AtomicFile
{
    public const string TempMarker = ".tmp-";

    private const int ReplaceAttempts = 5;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically, owner-only.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="content">The complete new content.</param>
    /// <param name="wrapTempStream">Test seam: wraps the temporary file's stream (e.g. to inject a write failure).</param>
    public static void Write(string path, byte[] content, Func<Stream, Stream>? wrapTempStream)
    {
        string temp = path + TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            using (FileStream file = OwnerOnlyFiles.CreateNewFile(temp))
            {
                Stream target = wrapTempStream?.Invoke(file) ?? file;
                target.Write(content, 0, content.Length);
                target.Flush();

                // Data on the disk before the rename: otherwise a power cut could leave the new name
                // pointing at an empty or partial file.
                file.Flush(flushToDisk: true);
            }

            ReplaceWithRetry(temp, path);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Renames <paramref name="source"/> over <paramref name="destination"/> without File.Move's overwrite
    /// flag (absent from netstandard2.0): File.Replace when the destination exists (ReplaceFile on
    /// Windows, rename(2) on Unix, both atomic), File.Move when it does not. Compiled on every target so
    /// tests cover it.
    /// </summary>
    public static void ReplaceWithoutOverwriteMove(string source, string destination)
    {
        if (File.Exists(destination))
        {
            File.Replace(source, destination, destinationBackupFileName: null, ignoreMetadataErrors: true);
            return;
        }

        try
        {
            File.Move(source, destination);
        }
        catch (IOException) when (File.Exists(destination) && File.Exists(source))
        {
            // The destination appeared between the check and the move.
            File.Replace(source, destination, destinationBackupFileName: null, ignoreMetadataErrors: true);
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is removed by the next save.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private static void ReplaceWithRetry(string source, string destination)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Replace(source, destination);
                return;
            }
            catch (Exception ex) when (attempt < ReplaceAttempts && OwnerOnlyFiles.IsWindows && ex is IOException or UnauthorizedAccessException)
            {
                // On Windows a virus scanner or indexer may hold the target open for a moment.
                Thread.Sleep(25 * attempt);
            }
        }
    }

    private static void Replace(string source, string destination)
    {
#if NET8_0_OR_GREATER
        // rename(2) on Unix, MoveFileEx(MOVEFILE_REPLACE_EXISTING) on Windows.
        File.Move(source, destination, overwrite: true);
#else
        ReplaceWithoutOverwriteMove(source, destination);
#endif
    }
}
