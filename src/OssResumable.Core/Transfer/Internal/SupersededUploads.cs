using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// Aborts uploads that a new run replaces: the one a stale or damaged checkpoint names, and the one a
/// run killed during InitiateMultipartUpload left without any checkpoint naming it.
/// </summary>
internal static class SupersededUploads
{
    // OSS refuses clocks more than 15 minutes off, so an upload the killed run started was initiated,
    // by the server's clock, no earlier than 15 minutes before the marker; the request may have been
    // retried for a while after it.
    private static readonly TimeSpan InitiationWindowBefore = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan InitiationWindowAfter = TimeSpan.FromMinutes(30);

    /// <summary>Aborts <paramref name="uploadId"/>; an upload that is already gone is fine, other failures are warned about.</summary>
    /// <returns>True when OSS had the upload and aborted it; false when it was already gone or could not be aborted.</returns>
    public static async Task<bool> AbortAsync(UploadContext context, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            if (await UploadAbort.AbortAsync(context.Client, context.Bucket, context.Key, uploadId, cancellationToken).ConfigureAwait(false))
            {
                context.Log.Verbose("Aborted the superseded upload " + uploadId + " of " + context.Destination + ".");
                return true;
            }

            context.Log.Verbose("The superseded upload " + uploadId + " no longer exists on OSS.");
            return false;
        }
        catch (OssException ex)
        {
            context.Log.Warning("The superseded upload " + uploadId + " of " + context.Destination + " could not be aborted: " + ex.Message
                + " Abort it yourself, or its parts keep using storage.");
            return false;
        }
    }

    /// <summary>
    /// A marker left by <see cref="ICheckpointStore.MarkInitiating"/> means an earlier run died while
    /// starting an upload of this file to this key: OSS may hold an upload that no checkpoint names.
    /// Uploads of exactly this key initiated around that time, except <paramref name="keepUploadId"/>,
    /// are that run's (the store's lock keeps a second run of ours away) and are aborted; then the
    /// marker is removed.
    /// </summary>
    public static async Task AbortInterruptedInitiationsAsync(
        UploadContext context, ICheckpointStore store, CheckpointIdentity identity, string? keepUploadId, CancellationToken cancellationToken)
    {
        DateTime? started = store.TryGetInitiatingMark(identity);
        if (started is null)
        {
            return;
        }

        var from = new DateTimeOffset(started.Value - InitiationWindowBefore, TimeSpan.Zero);
        var to = new DateTimeOffset(started.Value + InitiationWindowAfter, TimeSpan.Zero);
        var orphans = new List<MultipartUploadSummary>();
        try
        {
            foreach (MultipartUploadSummary upload in await context.ListKeyUploadsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (upload.UploadId != keepUploadId && upload.Initiated >= from && upload.Initiated <= to)
                {
                    orphans.Add(upload);
                }
            }
        }
        catch (OssException ex)
        {
            context.Log.Warning("An earlier run was stopped while starting an upload of " + context.Destination + " at "
                + started.Value.ToString("u", CultureInfo.InvariantCulture) + ", and the uploads in progress could not be listed to find it: "
                + ex.Message + " List the multipart uploads of " + context.Destination + " and abort the one no checkpoint names.");
            store.ClearInitiatingMark(identity);
            return;
        }

        foreach (MultipartUploadSummary orphan in orphans)
        {
            context.Log.Warning("An earlier run was stopped while starting upload " + orphan.UploadId + " of " + context.Destination
                + " (initiated " + orphan.Initiated.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) + ") before any checkpoint named it; aborting it.");
            await AbortAsync(context, orphan.UploadId, cancellationToken).ConfigureAwait(false);
        }

        store.ClearInitiatingMark(identity);
    }
}
