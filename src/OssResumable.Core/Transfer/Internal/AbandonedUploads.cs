using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// At the start of a multipart run, under the upload lock: aborts every upload an earlier run of this
/// file to this key left that is provably ours and is not resumed, and, where ours cannot be told
/// apart from another client's upload of the same key, aborts nothing and names the candidates.
/// The rule is in docs/checkpoint-format.md ("Which upload is ours").
/// </summary>
internal static class AbandonedUploads
{
    // How far the initiation time OSS lists may lie from the time a damaged file recorded and still
    // confirm that file's upload ID: OSS refuses clocks more than 15 minutes off; the rest covers
    // Initiate's retries and the moment the time was taken.
    private static readonly TimeSpan ConfirmationWindow = TimeSpan.FromMinutes(30);

    private const int MaxNamedCandidates = 10;

    /// <summary>
    /// Settles the earlier run: proven uploads (named by an intact checkpoint that is superseded, or by an
    /// intact upload ID record) are aborted; a damaged file's upload ID is aborted only when OSS lists it
    /// for exactly this key, initiated within <see cref="ConfirmationWindow"/> of the time the same file
    /// recorded; otherwise the key's uploads are named in a warning. When a checkpoint is resumed, the
    /// record is made to name its upload (a checkpoint written before records existed gets one).
    /// </summary>
    public static async Task SettleAsync(UploadContext context, ICheckpointStore store, CheckpointIdentity identity, EarlierRun earlier, CancellationToken cancellationToken)
    {
        UploadIdRecord? record = null;
        CheckpointException? recordDamage = null;
        try
        {
            record = store.TryLoadUploadIdRecord(identity);
        }
        catch (CheckpointException ex) when (ex.Reason is not CheckpointFailureReason.Locked and not CheckpointFailureReason.WriteFailed)
        {
            recordDamage = ex;
        }

        string? resumedId = earlier.Resumed?.UploadId;
        var proven = new List<string>();
        if (earlier.Superseded is { } superseded)
        {
            proven.Add(superseded.UploadId);
        }

        bool recordOnly = record is not null && earlier.IntactUploadId is null && earlier.CheckpointDamage is null;
        if (record is not null && record.UploadId != resumedId && !proven.Contains(record.UploadId))
        {
            proven.Add(record.UploadId);
        }

        foreach (string uploadId in proven)
        {
            bool aborted = await SupersededUploads.AbortAsync(context, uploadId, cancellationToken).ConfigureAwait(false);
            if (aborted && recordOnly)
            {
                context.Log.Warning("The checkpoint '" + store.GetCheckpointPath(identity) + "' of upload " + uploadId
                    + " was missing (deleted?), but its upload ID record names that upload; it was aborted and a new upload starts.");
            }
        }

        // A damaged file may still name an upload; without an intact record or checkpoint nothing is proven.
        var hints = new[] { earlier.CheckpointDamage?.UntrustedUpload, recordDamage?.UntrustedUpload }
            .Where(h => h is not null && h.Bucket == context.Bucket && h.Key == context.Key && h.UploadId != resumedId && !proven.Contains(h.UploadId))
            .Select(h => h!)
            .GroupBy(h => h.UploadId, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        bool identified = record is not null || earlier.IntactUploadId is not null;
        bool damaged = earlier.CheckpointDamage is not null || recordDamage is not null;
        if (hints.Count > 0 || (damaged && !identified))
        {
            string damagedFiles = DescribeDamage(earlier.CheckpointDamage, recordDamage, recordMissing: record is null && recordDamage is null);
            await SettleUnprovenAsync(context, hints, identified, resumedId, damagedFiles, cancellationToken).ConfigureAwait(false);
        }
        else if (recordDamage is not null)
        {
            context.Log.Verbose(recordDamage.Message + " The intact checkpoint names the upload (" + earlier.IntactUploadId + "), so nothing is lost.");
        }

        if (earlier.Resumed is { } resumed && record?.UploadId != resumed.UploadId)
        {
            RecordResumedUpload(context, store, resumed);
        }

        // A run that died right after writing its record, before removing its marker: the record (same
        // start time) names the upload that initiation created, so the marker's time window, which
        // could catch another client's upload of this key, is not needed.
        if (record is not null && store.TryGetInitiatingMark(identity) == record.InitiatedUtc)
        {
            store.ClearInitiatingMark(identity);
        }
    }

    private static async Task SettleUnprovenAsync(
        UploadContext context,
        IReadOnlyList<CheckpointUploadHint> hints,
        bool identified,
        string? resumedId,
        string damagedFiles,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<MultipartUploadSummary> listed;
        try
        {
            listed = await context.ListKeyUploadsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OssException ex)
        {
            context.Log.Warning(damagedFiles + ", and the uploads in progress of " + context.Destination + " could not be listed to find the earlier run's upload ("
                + ex.Message.TrimEnd('.') + "), so nothing was aborted"
                + (hints.Count == 0 ? string.Empty : " (the damaged file names " + string.Join(", ", hints.Select(h => h.UploadId)) + ")")
                + ". List the multipart uploads of " + context.Destination + " and abort the one the earlier run left, or its parts keep using storage.");
            return;
        }

        var remaining = listed.Where(u => u.UploadId != resumedId).ToList();
        foreach (CheckpointUploadHint hint in hints)
        {
            MultipartUploadSummary? match = remaining.FirstOrDefault(u => u.UploadId == hint.UploadId);
            if (match is null || !IsConfirmedBy(hint, match))
            {
                continue;
            }

            context.Log.Verbose("The damaged file names upload " + hint.UploadId + ", and OSS lists it for " + context.Destination + " initiated "
                + FormatTime(match.Initiated) + ", as the file recorded: it is the earlier run's.");
            await SupersededUploads.AbortAsync(context, hint.UploadId, cancellationToken).ConfigureAwait(false);
            remaining.Remove(match);
            identified = true;
        }

        if (identified)
        {
            return;
        }

        if (remaining.Count == 0)
        {
            context.Log.Verbose(damagedFiles + "; OSS lists no upload of " + context.Destination + " in progress, so the earlier run left nothing behind.");
            return;
        }

        string named = string.Join(", ", remaining.Take(MaxNamedCandidates).Select(u => u.UploadId + " (initiated " + FormatTime(u.Initiated) + ")"))
            + (remaining.Count > MaxNamedCandidates ? ", ..." : string.Empty);
        context.Log.Warning(damagedFiles + ", so the upload the earlier run started cannot be proven ours and nothing was aborted "
            + "(another client's upload of the same key must never be). OSS lists "
            + remaining.Count.ToString(CultureInfo.InvariantCulture) + " upload(s) of " + context.Destination + " in progress: " + named
            + ". Check them and abort the one the earlier run left, or its parts keep using storage.");
    }

    // The same damaged file gave both the upload ID and the time; OSS confirming both, for exactly this
    // key, leaves only a deliberate edit pointing at another upload as a way to be wrong.
    private static bool IsConfirmedBy(CheckpointUploadHint hint, MultipartUploadSummary listed) =>
        hint.InitiatedUtc is DateTime recorded
        && (listed.Initiated.UtcDateTime - recorded).Duration() <= ConfirmationWindow;

    // "The checkpoint '...' is damaged (Corrupt) and there is no upload ID record", for the messages above.
    private static string DescribeDamage(CheckpointException? checkpointDamage, CheckpointException? recordDamage, bool recordMissing)
    {
        string checkpoint = checkpointDamage is null
            ? "there is no checkpoint"
            : "the checkpoint '" + checkpointDamage.CheckpointPath + "' is damaged (" + checkpointDamage.Reason + ")";
        string record = recordDamage is not null
            ? "the upload ID record '" + recordDamage.CheckpointPath + "' is damaged (" + recordDamage.Reason + ")"
            : recordMissing ? "there is no upload ID record (it was deleted, or an older version wrote the checkpoint)" : "the upload ID record is intact";
        string text = checkpoint + " and " + record;
        return char.ToUpperInvariant(text[0]) + text.Substring(1);
    }

    private static void RecordResumedUpload(UploadContext context, ICheckpointStore store, UploadCheckpoint resumed)
    {
        try
        {
            store.SaveUploadIdRecord(new UploadIdRecord(resumed.Identity, resumed.Endpoint, resumed.UploadId, resumed.CreatedUtc));
        }
        catch (CheckpointException ex)
        {
            // Not fatal: the checkpoint names the upload; only a later damage to it could not be recovered from.
            context.Log.Warning(ex.Message + " The upload goes on; should its checkpoint be damaged later, the upload could not be identified.");
        }
    }

    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
}
