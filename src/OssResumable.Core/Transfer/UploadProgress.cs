using System;

namespace OssResumable.Core.Transfer;

/// <summary>
/// A snapshot of one upload's progress. <see cref="TransferredBytes"/> counts bytes the upload no
/// longer has to send: bytes of parts already stored (resume) plus bytes handed to the network in
/// this run. It never decreases and never exceeds <see cref="TotalBytes"/>; bytes that are sent
/// again after a failed attempt are not counted twice.
/// </summary>
public sealed class UploadProgress
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="filePath">Source file.</param>
    /// <param name="bucket">Destination bucket.</param>
    /// <param name="key">Destination key.</param>
    /// <param name="totalBytes">Size of the file.</param>
    /// <param name="transferredBytes">Bytes stored or sent so far.</param>
    /// <param name="completedParts">Parts acknowledged by OSS (or found already stored).</param>
    /// <param name="partCount">Parts in the plan (1 for a single PUT).</param>
    /// <param name="phase">What the upload is doing.</param>
    public UploadProgress(string filePath, string bucket, string key, long totalBytes, long transferredBytes, int completedParts, int partCount, UploadPhase phase)
        : this(filePath, bucket, key, totalBytes, transferredBytes, completedParts, partCount, phase, 0)
    {
    }

    /// <summary>Creates a snapshot that says how much of <paramref name="transferredBytes"/> was already stored before this run.</summary>
    /// <param name="filePath">Source file.</param>
    /// <param name="bucket">Destination bucket.</param>
    /// <param name="key">Destination key.</param>
    /// <param name="totalBytes">Size of the file.</param>
    /// <param name="transferredBytes">Bytes stored or sent so far.</param>
    /// <param name="completedParts">Parts acknowledged by OSS (or found already stored).</param>
    /// <param name="partCount">Parts in the plan (1 for a single PUT).</param>
    /// <param name="phase">What the upload is doing.</param>
    /// <param name="reusedBytes">Bytes of <paramref name="transferredBytes"/> found already stored (not sent by this run).</param>
    public UploadProgress(string filePath, string bucket, string key, long totalBytes, long transferredBytes, int completedParts, int partCount, UploadPhase phase, long reusedBytes)
    {
        ReusedBytes = Math.Max(0, Math.Min(reusedBytes, transferredBytes));
        FilePath = filePath;
        Bucket = bucket;
        Key = key;
        TotalBytes = totalBytes;
        TransferredBytes = transferredBytes;
        CompletedParts = completedParts;
        PartCount = partCount;
        Phase = phase;
    }

    /// <summary>Source file (absolute path).</summary>
    public string FilePath { get; }

    /// <summary>Destination bucket.</summary>
    public string Bucket { get; }

    /// <summary>Destination key.</summary>
    public string Key { get; }

    /// <summary>Size of the file in bytes.</summary>
    public long TotalBytes { get; }

    /// <summary>Bytes already stored or sent; 0 to <see cref="TotalBytes"/>, never decreasing.</summary>
    public long TransferredBytes { get; }

    /// <summary>Parts acknowledged by OSS or found already stored.</summary>
    public int CompletedParts { get; }

    /// <summary>
    /// Bytes of <see cref="TransferredBytes"/> that were already stored before this run (parts of an earlier
    /// run, or the whole file when the object is unchanged) and were not sent. A transfer rate or an ETA
    /// must use <see cref="TransferredBytes"/> minus these: they took no time in this session.
    /// </summary>
    public long ReusedBytes { get; }

    /// <summary>Parts in the plan (1 for a single PUT).</summary>
    public int PartCount { get; }

    /// <summary>What the upload is doing.</summary>
    public UploadPhase Phase { get; }

    /// <summary>Fraction done, 0 to 1 (1 for an empty file).</summary>
    public double Fraction => TotalBytes == 0 ? (Phase == UploadPhase.Completed ? 1 : 0) : (double)TransferredBytes / TotalBytes;

    /// <inheritdoc />
    public override string ToString() => string.Format(
        System.Globalization.CultureInfo.InvariantCulture,
        "{0}: {1} of {2} bytes, {3}/{4} parts ({5})",
        Key,
        TransferredBytes,
        TotalBytes,
        CompletedParts,
        PartCount,
        Phase);
}
