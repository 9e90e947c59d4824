using System;
using System.Collections.Generic;
using System.Linq;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;
using OssResumable.Core.Text;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// Decides whether a loaded checkpoint still describes the upload requested now. Every difference is
/// reported, so the caller can say exactly why it starts over (and abort the superseded upload).
/// </summary>
internal static class CheckpointValidator
{
    /// <summary>Compares a checkpoint with the current situation.</summary>
    /// <param name="checkpoint">The loaded checkpoint.</param>
    /// <param name="expected">The upload requested now.</param>
    /// <returns>The result, naming every mismatch.</returns>
    public static CheckpointValidationResult Validate(UploadCheckpoint checkpoint, CheckpointExpectation expected)
    {
        if (checkpoint is null)
        {
            throw new ArgumentNullException(nameof(checkpoint));
        }

        if (expected is null)
        {
            throw new ArgumentNullException(nameof(expected));
        }

        var mismatches = new List<CheckpointMismatch>();
        CompareSource(checkpoint.Source, expected.Source, mismatches);

        if (!string.Equals(NormalizeEndpoint(checkpoint.Endpoint), NormalizeEndpoint(expected.Endpoint), StringComparison.Ordinal))
        {
            mismatches.Add(Different(CheckpointMismatchKind.Endpoint, "the endpoint differs", checkpoint.Endpoint, expected.Endpoint));
        }

        if (!string.Equals(checkpoint.Bucket, expected.Bucket, StringComparison.Ordinal))
        {
            mismatches.Add(Different(CheckpointMismatchKind.Bucket, "the bucket differs", checkpoint.Bucket, expected.Bucket));
        }

        if (!string.Equals(checkpoint.Key, expected.Key, StringComparison.Ordinal))
        {
            mismatches.Add(Different(CheckpointMismatchKind.Key, "the object key differs", checkpoint.Key, expected.Key));
        }

        ComparePartSize(checkpoint, expected, mismatches);
        CompareHeaders(checkpoint.ObjectHeaders, expected.ObjectHeaders, mismatches);
        return new CheckpointValidationResult(mismatches);
    }

    /// <summary>
    /// The form endpoints are compared in: trimmed, lowercase, without a trailing slash, and with an
    /// implicit <c>https://</c> (so <c>oss-cn-hangzhou.aliyuncs.com</c> equals
    /// <c>https://oss-cn-hangzhou.aliyuncs.com/</c>, but not its <c>http://</c> form).
    /// </summary>
    /// <param name="endpoint">An endpoint.</param>
    /// <returns>The comparable form.</returns>
    public static string NormalizeEndpoint(string endpoint)
    {
#pragma warning disable CA1308 // Host names are case-insensitive ASCII; lowercase is their canonical form.
        string value = (endpoint ?? string.Empty).Trim().TrimEnd('/').ToLowerInvariant();
#pragma warning restore CA1308
        return value.IndexOf("://", StringComparison.Ordinal) < 0 ? "https://" + value : value;
    }

    private static void CompareSource(SourceSnapshot recorded, SourceSnapshot current, List<CheckpointMismatch> mismatches)
    {
        SourceChanges changes = recorded.CompareWith(current);
        if ((changes & SourceChanges.Path) != 0)
        {
            mismatches.Add(Different(CheckpointMismatchKind.SourcePath, "the checkpoint is for another source file", recorded.FullPath, current.FullPath));
        }

        if ((changes & SourceChanges.Length) != 0)
        {
            mismatches.Add(Different(
                CheckpointMismatchKind.SourceLength,
                "the source file changed size",
                ByteSize.Format(recorded.Length),
                ByteSize.Format(current.Length)));
        }

        if ((changes & SourceChanges.LastWriteTime) != 0)
        {
            mismatches.Add(Different(
                CheckpointMismatchKind.SourceLastWriteTime,
                "the source file was modified",
                recorded.LastWriteTimeUtc.ToString("yyyy-MM-dd HH:mm:ss.fffffff 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
                current.LastWriteTimeUtc.ToString("yyyy-MM-dd HH:mm:ss.fffffff 'UTC'", System.Globalization.CultureInfo.InvariantCulture)));
        }

        if ((changes & SourceChanges.Content) != 0)
        {
            mismatches.Add(new CheckpointMismatch(
                CheckpointMismatchKind.SourceContent,
                recorded.ContentFingerprint,
                current.ContentFingerprint,
                "the source file's content changed (its sampled fingerprint differs)"));
        }
    }

    private static void ComparePartSize(UploadCheckpoint checkpoint, CheckpointExpectation expected, List<CheckpointMismatch> mismatches)
    {
        if (expected.RequestedPartSize.HasValue)
        {
            if (expected.RequestedPartSize.Value != checkpoint.PartSize)
            {
                mismatches.Add(new CheckpointMismatch(
                    CheckpointMismatchKind.PartSize,
                    ByteSize.Format(checkpoint.PartSize),
                    ByteSize.Format(expected.RequestedPartSize.Value),
                    "the part size differs (" + ByteSize.Format(checkpoint.PartSize) + " in the checkpoint, "
                        + ByteSize.Format(expected.RequestedPartSize.Value) + " requested)"));
            }

            return;
        }

        // Automatic part size: keep the recorded one if the file (as it is now) can still use it.
        if (expected.Source.Length < 1)
        {
            mismatches.Add(new CheckpointMismatch(
                CheckpointMismatchKind.PartSize,
                ByteSize.Format(checkpoint.PartSize),
                "none",
                "the source file is now empty, so it is no longer a multipart upload"));
            return;
        }

        try
        {
            UploadPlanner.PlanMultipart(expected.Source.Length, checkpoint.PartSize);
        }
        catch (UploadPlanningException ex)
        {
            mismatches.Add(new CheckpointMismatch(
                CheckpointMismatchKind.PartSize,
                ByteSize.Format(checkpoint.PartSize),
                "invalid",
                "the recorded part size no longer fits the file (" + ex.Message.TrimEnd('.') + ")"));
        }
    }

    private static void CompareHeaders(
        IReadOnlyDictionary<string, string> recorded,
        IReadOnlyDictionary<string, string> current,
        List<CheckpointMismatch> mismatches)
    {
        var differing = recorded.Keys.Union(current.Keys, StringComparer.Ordinal)
            .Where(name => !recorded.TryGetValue(name, out string? a) || !current.TryGetValue(name, out string? b) || !string.Equals(a, b, StringComparison.Ordinal))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
        if (differing.Count == 0)
        {
            return;
        }

        var recordedParts = differing.Select(name => name + ": " + (recorded.TryGetValue(name, out string? v) ? "'" + v + "'" : "(none)"));
        var currentParts = differing.Select(name => name + ": " + (current.TryGetValue(name, out string? v) ? "'" + v + "'" : "(none)"));
        string recordedText = string.Join(", ", recordedParts);
        string currentText = string.Join(", ", currentParts);
        mismatches.Add(new CheckpointMismatch(
            CheckpointMismatchKind.ObjectHeaders,
            recordedText,
            currentText,
            "the object options differ (" + recordedText + " in the checkpoint; " + currentText + " requested)"));
    }

    private static CheckpointMismatch Different(CheckpointMismatchKind kind, string what, string recorded, string current) =>
        new(kind, recorded, current, what + " (" + recorded + " in the checkpoint, " + current + " now)");
}
