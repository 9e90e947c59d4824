using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using OssResumable.Core.Text;

namespace OssResumable.Core.Files;

/// <summary>
/// What identifies the content of a source file at one moment: its absolute path, length, last-write
/// time and a cheap content fingerprint. Two snapshots that compare equal mean "same file, unchanged"
/// as far as can be told without reading the whole file.
/// </summary>
/// <remarks>
/// The fingerprint is SHA-256 over the length and three samples of <see cref="FingerprintSampleSize"/>
/// bytes (start, middle, end; the whole file when it is small). It catches a file replaced by another
/// of the same size whose last-write time was preserved (restores, <c>cp -p</c>, <c>rsync -t</c>) at
/// the cost of three small reads, instead of hashing 500 GB. It cannot see an edit confined to the
/// unsampled bytes that also preserved size and last-write time; docs/checkpoint-format.md says so.
/// </remarks>
public sealed class SourceSnapshot
{
    /// <summary>Bytes read at each of the three sample points (64 KiB).</summary>
    public const int FingerprintSampleSize = 64 * 1024;

    /// <summary>Prefix naming the fingerprint scheme, so a future scheme is never compared with this one.</summary>
    public const string FingerprintScheme = "sha256-hmt64k:";

    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fffffff 'UTC'";

    // Stands in for the fingerprint of a snapshot taken without reading the file (CaptureMetadata): it is
    // not compared (CompareWith) and such a snapshot is never written to a checkpoint.
    private const string NotSampled = "not-sampled";

    /// <summary>Creates a snapshot from recorded values (e.g. a checkpoint).</summary>
    /// <param name="fullPath">The absolute path of the file.</param>
    /// <param name="length">The length in bytes.</param>
    /// <param name="lastWriteTimeUtc">The last-write time; converted to UTC if it is not.</param>
    /// <param name="contentFingerprint">The fingerprint, as produced by <see cref="Capture"/>.</param>
    /// <exception cref="ArgumentException">The path is not absolute or the fingerprint is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public SourceSnapshot(string fullPath, long length, DateTime lastWriteTimeUtc, string contentFingerprint)
    {
        if (string.IsNullOrEmpty(fullPath) || !Path.IsPathRooted(fullPath))
        {
            throw new ArgumentException("The source path must be absolute.", nameof(fullPath));
        }

        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The length cannot be negative.");
        }

        if (string.IsNullOrEmpty(contentFingerprint))
        {
            throw new ArgumentException("The content fingerprint cannot be empty.", nameof(contentFingerprint));
        }

        FullPath = fullPath;
        Length = length;
        LastWriteTimeUtc = lastWriteTimeUtc.Kind == DateTimeKind.Utc
            ? lastWriteTimeUtc
            : DateTime.SpecifyKind(lastWriteTimeUtc.ToUniversalTime(), DateTimeKind.Utc);
        ContentFingerprint = contentFingerprint;
    }

    private SourceSnapshot(string fullPath, long length, DateTime lastWriteTimeUtc)
    {
        FullPath = fullPath;
        Length = length;
        LastWriteTimeUtc = lastWriteTimeUtc;
        ContentFingerprint = NotSampled;
    }

    /// <summary>The absolute path of the file.</summary>
    public string FullPath { get; }

    /// <summary>The length in bytes.</summary>
    public long Length { get; }

    /// <summary>The last-write time in UTC, to the tick the file system reported.</summary>
    public DateTime LastWriteTimeUtc { get; }

    /// <summary>The sampled content fingerprint (<see cref="FingerprintScheme"/> followed by 64 hex digits).</summary>
    public string ContentFingerprint { get; }

    /// <summary>
    /// Takes a snapshot of a file. Reads at most three samples of 64 KiB. Fails if the file's size or
    /// last-write time changes while it is being sampled (it is still being written).
    /// </summary>
    /// <param name="path">The file; relative paths are resolved against the process's current directory.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SourceChangedException">The file changed while it was sampled.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static SourceSnapshot Capture(string path)
    {
        FileInfo info = Stat(path, out string fullPath);
        long lengthBefore = info.Length;
        DateTime writtenBefore = info.LastWriteTimeUtc;
        string fingerprint;
        long streamLength;

        // ReadWrite|Delete sharing: taking a snapshot must never block or be blocked by other readers and
        // writers; a concurrent writer is detected below instead.
        using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.None))
        {
            streamLength = stream.Length;
            fingerprint = ComputeFingerprint(stream, streamLength, fullPath);
        }

        info.Refresh();
        if (!info.Exists || info.Length != lengthBefore || streamLength != lengthBefore || info.LastWriteTimeUtc != writtenBefore)
        {
            throw new SourceChangedException(
                "The source file '" + fullPath + "' is being modified: its size or last-write time changed while it was read. "
                    + "Upload it once it is complete.");
        }

        return new SourceSnapshot(fullPath, lengthBefore, writtenBefore, fingerprint);
    }

    /// <summary>
    /// Takes a snapshot of a file's path, length and last-write time without reading it: for a file sent
    /// in one request, whose content the CRC-64 computed while sending (and confirmed by OSS) checks in
    /// full, and which never has a checkpoint. Its fingerprint is a placeholder that
    /// <see cref="CompareWith"/> does not compare; it must never be recorded in a checkpoint.
    /// </summary>
    /// <param name="path">The file; relative paths are resolved against the process's current directory.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    internal static SourceSnapshot CaptureMetadata(string path)
    {
        FileInfo info = Stat(path, out string fullPath);
        return new SourceSnapshot(fullPath, info.Length, info.LastWriteTimeUtc);
    }

    /// <summary>Compares this (earlier) snapshot with a current one.</summary>
    /// <param name="current">The snapshot taken now.</param>
    /// <returns>What differs; <see cref="SourceChanges.None"/> when the file is unchanged.</returns>
    public SourceChanges CompareWith(SourceSnapshot current)
    {
        if (current is null)
        {
            throw new ArgumentNullException(nameof(current));
        }

        SourceChanges changes = SourceChanges.None;
        if (!PathComparison.AreSame(FullPath, current.FullPath))
        {
            changes |= SourceChanges.Path;
        }

        if (Length != current.Length)
        {
            changes |= SourceChanges.Length;
        }

        if (LastWriteTimeUtc.Ticks != current.LastWriteTimeUtc.Ticks)
        {
            changes |= SourceChanges.LastWriteTime;
        }

        // A snapshot taken without reading the file (CaptureMetadata) says nothing about the content.
        if (!ReferenceEquals(ContentFingerprint, NotSampled) && !ReferenceEquals(current.ContentFingerprint, NotSampled)
            && !string.Equals(ContentFingerprint, current.ContentFingerprint, StringComparison.Ordinal))
        {
            changes |= SourceChanges.Content;
        }

        return changes;
    }

    /// <summary>Describes each difference from a current snapshot in a short phrase for messages.</summary>
    /// <param name="current">The snapshot taken now.</param>
    /// <returns>One phrase per difference, e.g. "size was 10 bytes, now 12 bytes"; empty when unchanged.</returns>
    public IReadOnlyList<string> DescribeChanges(SourceSnapshot current)
    {
        SourceChanges changes = CompareWith(current);
        var details = new List<string>();
        if ((changes & SourceChanges.Path) != 0)
        {
            details.Add("path was '" + FullPath + "', now '" + current.FullPath + "'");
        }

        if ((changes & SourceChanges.Length) != 0)
        {
            details.Add("size was " + ByteSize.Format(Length) + ", now " + ByteSize.Format(current.Length));
        }

        if ((changes & SourceChanges.LastWriteTime) != 0)
        {
            details.Add("last-write time was " + FormatTime(LastWriteTimeUtc) + ", now " + FormatTime(current.LastWriteTimeUtc));
        }

        if ((changes & SourceChanges.Content) != 0)
        {
            details.Add("the content differs (sampled at the start, middle and end)");
        }

        return details;
    }

    /// <summary>Throws when a current snapshot differs from this one.</summary>
    /// <param name="current">The snapshot taken now.</param>
    /// <exception cref="SourceChangedException">Something differs; the message lists what.</exception>
    public void EnsureUnchanged(SourceSnapshot current)
    {
        SourceChanges changes = CompareWith(current);
        if (changes != SourceChanges.None)
        {
            throw new SourceChangedException(FullPath, changes, DescribeChanges(current));
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        FullPath + " (" + ByteSize.Format(Length) + ", written " + FormatTime(LastWriteTimeUtc) + ")";

    private static FileInfo Stat(string path, out string fullPath)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ArgumentException("The source path cannot be empty.", nameof(path));
        }

        fullPath = Path.GetFullPath(path);
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            throw new FileNotFoundException("The source file '" + fullPath + "' does not exist.", fullPath);
        }

        return info;
    }

    internal static string ComputeFingerprint(Stream stream, long length, string pathForMessages)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(FingerprintSampleSize);
        try
        {
            return ComputeFingerprint(stream, length, pathForMessages, buffer);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string ComputeFingerprint(Stream stream, long length, string pathForMessages, byte[] buffer)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(LittleEndian(length));
        foreach (long offset in SampleOffsets(length))
        {
            int count = (int)Math.Min(FingerprintSampleSize, length - offset);
            stream.Position = offset;
            ReadExactly(stream, buffer, count, pathForMessages);
            hash.AppendData(buffer, 0, count);
        }

        return FingerprintScheme + HexFormat.ToLower(hash.GetHashAndReset());
    }

    // Start, middle and end samples; a file of up to three samples is read whole (in sample-sized
    // pieces), so small files get an exact content hash.
    internal static IEnumerable<long> SampleOffsets(long length)
    {
        if (length <= 3L * FingerprintSampleSize)
        {
            for (long offset = 0; offset < length; offset += FingerprintSampleSize)
            {
                yield return offset;
            }

            yield break;
        }

        yield return 0;
        yield return (length / 2) - (FingerprintSampleSize / 2);
        yield return length - FingerprintSampleSize;
    }

    // Fixed byte order so a fingerprint means the same on every machine.
    private static byte[] LittleEndian(long value)
    {
        var bytes = new byte[8];
        for (int i = 0; i < 8; i++)
        {
            bytes[i] = (byte)(value >> (8 * i));
        }

        return bytes;
    }

    private static void ReadExactly(Stream stream, byte[] buffer, int count, string pathForMessages)
    {
        int filled = 0;
        while (filled < count)
        {
            int read = stream.Read(buffer, filled, count - filled);
            if (read == 0)
            {
                throw new SourceChangedException(
                    "The source file '" + pathForMessages + "' became shorter while it was read. Upload it once it is complete.");
            }

            filled += read;
        }
    }

    private static string FormatTime(DateTime utc) => utc.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
