using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Protocol.Internal;
using OssResumable.Core.Text;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// One <see cref="ResumableUploader.UploadFileAsync"/> call as named steps (docs/engine.md, "The flow of
/// UploadFileAsync"): plan; then either one PutObject, or — under the upload lock — load the earlier
/// run, reconcile or start, send the parts, complete and verify. A resumed upload that vanishes while it
/// is finished is started over once. Which upload is ours, and how every ending is settled, is
/// <see cref="OwnedUpload"/>'s alone.
/// </summary>
internal sealed class FileUploadJob
{
    private readonly UploadContext _context;
    private readonly FileUploadRequest _request;
    private readonly ICheckpointStore? _store;
    private readonly CancellationToken _token;
    private readonly SourceSnapshot _snapshot;
    private readonly UploadPlan _plan;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private readonly CheckpointIdentity? _identity;
    private readonly OwnedUpload _owned;

    /// <summary>
    /// Plan (nothing is sent): problems with the request itself surface as they are (ArgumentException,
    /// FileNotFoundException, SourceChangedException, UploadPlanningException).
    /// </summary>
    public FileUploadJob(UploadContext context, FileUploadRequest request, ICheckpointStore? store, CancellationToken cancellationToken)
    {
        _context = context;
        _request = request;
        _store = store;
        _token = cancellationToken;
        // A file sent in one request is not read before it is sent: the CRC-64 computed while sending, and
        // confirmed by OSS, checks all of it, and it never gets a checkpoint that needs a fingerprint.
        _snapshot = SourceSnapshot.CaptureMetadata(context.FilePath);
        _plan = UploadPlanner.Plan(_snapshot.Length, request.PartSize, request.MultipartThreshold);
        if (_plan.IsMultipart)
        {
            _snapshot = SourceSnapshot.Capture(context.FilePath);
            _plan = UploadPlanner.Plan(_snapshot.Length, request.PartSize, request.MultipartThreshold);
        }

        _headers = ObjectWriteHeaders.ToHeaders(request.WriteOptions, includeAcl: true);

        // Header values a checkpoint cannot hold are refused now, not after Initiate.
        CheckpointHeaders.Normalize(_headers);
        _identity = store is null ? null : new CheckpointIdentity(_snapshot.FullPath, context.Bucket, context.Key);
        _owned = new OwnedUpload(context, store, _identity);
    }

    public async Task<UploadResult> RunAsync()
    {
        _context.Progress.Start(_snapshot.Length, _plan.PartCount);
        _context.Log.Verbose("Plan for '" + _snapshot.FullPath + "' to " + _context.Destination + ": " + _plan + ".");
        try
        {
            if (_request.SkipUnchanged && await SkipIfUnchangedAsync().ConfigureAwait(false) is UploadResult skipped)
            {
                return skipped;
            }

            return _plan.IsMultipart
                ? await UploadInPartsAsync().ConfigureAwait(false)
                : await PutInOneRequestAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (_token.IsCancellationRequested && ex is not UploadCanceledException)
        {
            // Cancelled before any upload of ours existed (e.g. while a superseded upload was aborted).
            throw UploadErrors.Canceled(_context, ex, _token, null, null, UploadErrors.NothingLeft);
        }
    }

    // -SkipUnchanged: an object that already holds the file's bytes is not written again. A file with an
    // unfinished upload of its own (a checkpoint or upload ID record) is resumed instead, so that upload is
    // finished or settled rather than left behind; an upload a run killed during its Initiate left (its
    // marker) is aborted, and a killed run's lock file removed, before the object is compared.
    private async Task<UploadResult?> SkipIfUnchangedAsync()
    {
        if (_store is not null && _store.MayHoldEarlierRun(_identity!))
        {
            if (Present(() => _store.TryLoad(_identity!)) || Present(() => _store.TryLoadUploadIdRecord(_identity!)))
            {
                _context.Log.Verbose("'" + _snapshot.FullPath + "' has an unfinished upload to " + _context.Destination + ": resuming it instead of comparing.");
                return null;
            }

            using (_store.AcquireLock(_identity!))
            {
                await SupersededUploads.AbortInterruptedInitiationsAsync(_context, _store, _identity!, null, _token).ConfigureAwait(false);
            }
        }

        HeadObjectResult? head;
        try
        {
            head = await UnchangedObject.FindAsync(_context, _snapshot, _token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (_token.IsCancellationRequested)
        {
            throw UploadErrors.Canceled(_context, ex, _token, null, null, UploadErrors.NothingLeft);
        }
        catch (OssException ex)
        {
            throw UploadErrors.Failed(
                _context, ex, null, null, "Nothing was uploaded: -SkipUnchanged could not read the object's length and CRC-64 (HeadObject needs the oss:GetObject permission).");
        }

        if (head is null)
        {
            return null;
        }

        _context.Progress.PartAlreadyStored(_snapshot.Length);
        _context.Progress.Complete();
        UploadResult result = _context.Result(_plan, null, 0, _snapshot.Length, head.ETag ?? string.Empty, head.Crc64!.Value, head.VersionId, resumed: false, checkpointPath: null);
        result.Skipped = true;
        return result;
    }

    private static bool IsDamaged(CheckpointFailureReason reason) =>
        reason is CheckpointFailureReason.Corrupt or CheckpointFailureReason.NotACheckpoint
            or CheckpointFailureReason.ChecksumMismatch or CheckpointFailureReason.InvalidContent;

    private static bool Present(Func<object?> load)
    {
        try
        {
            return load() is not null;
        }
        catch (CheckpointException ex) when (IsDamaged(ex.Reason))
        {
            return true;
        }
    }

    private async Task<UploadResult> PutInOneRequestAsync()
    {
        await SupersedeEarlierMultipartRunAsync().ConfigureAwait(false);
        _context.Progress.SetPhase(UploadPhase.Uploading);
        PutObjectResult result;
        try
        {
            using (TransferSlot slot = await _context.Throttle.AcquireSlotAsync(_token).ConfigureAwait(false))
            {
                var request = new PutObjectRequest(_context.Bucket, _context.Key, RequestBody.FromFile(_context.FilePath, 0, _snapshot.Length), _request.WriteOptions)
                {
                    Progress = _context.ProgressFor(slot),
                    BandwidthLimiter = _context.BandwidthLimiter,
                    RetryObserver = _context.OnDataRetry,
                };
                result = await _context.Client.PutObjectAsync(request, _token).ConfigureAwait(false);
                slot.Finish(succeeded: true);
            }
        }
        catch (OperationCanceledException ex) when (_token.IsCancellationRequested)
        {
            throw UploadErrors.Canceled(_context, ex, _token, null, null, UploadErrors.NothingLeft);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw UploadErrors.Failed(_context, ex, null, null, "The object was not written.");
        }

        // A single PUT cannot be checked before it is committed; say so if the file changed meanwhile (its
        // length or last-write time; the bytes that were sent are those OSS confirmed by CRC-64).
        try
        {
            _snapshot.EnsureUnchanged(SourceSnapshot.CaptureMetadata(_context.FilePath));
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
        {
            throw UploadErrors.Failed(
                _context, ex, null, null, "The object was written while the file changed, so it may not match any version of the file: upload the file again.");
        }

        _context.Progress.Complete();
        _context.Log.Verbose(string.Format(
            CultureInfo.InvariantCulture, "Uploaded {0} in one request; OSS confirmed CRC-64 {1}.", _context.Destination, result.Crc64));
        return _context.Result(_plan, null, _snapshot.Length, 0, result.ETag, result.Crc64, result.VersionId, resumed: false, checkpointPath: null);
    }

    // A file that is now uploaded in one request may have a checkpoint (or an upload ID record) from an
    // earlier multipart attempt (a smaller file then, or another threshold): abort that upload so it
    // leaves no parts; likewise an upload a run killed during its Initiate left (its marker), and a lock
    // file a killed run left is released, hence removed. The cheap check comes first and without the lock,
    // because thousands of small files pass here: whether any such file exists at all (no read, no exception).
    private async Task SupersedeEarlierMultipartRunAsync()
    {
        if (_store is null || !_store.MayHoldEarlierRun(_identity!))
        {
            return;
        }

        using (_store.AcquireLock(_identity!))
        {
            if (Present(() => _store.TryLoad(_identity!)) || Present(() => _store.TryLoadUploadIdRecord(_identity!)))
            {
                EarlierRun earlier = ReadEarlierRun(canResume: false);
                if (earlier != EarlierRun.NoCheckpoint)
                {
                    _context.Log.Warning("The checkpoint '" + _owned.CheckpointPath + "' of an earlier multipart upload"
                        + (earlier.IntactUploadId is string uploadId ? " (" + uploadId + ")" : string.Empty)
                        + " is superseded: the file is now uploaded in a single request.");
                }

                await AbandonedUploads.SettleAsync(_context, _store, _identity!, earlier, _token).ConfigureAwait(false);
                _owned.Release();
            }

            await SupersededUploads.AbortInterruptedInitiationsAsync(_context, _store, _identity!, null, _token).ConfigureAwait(false);
        }
    }

    // Load or start → reconcile → send parts → complete → verify, under the upload lock.
    private async Task<UploadResult> UploadInPartsAsync()
    {
        using IDisposable? held = _store?.AcquireLock(_identity!);
        try
        {
            UploadCheckpoint? checkpoint = await LoadEarlierRunAsync().ConfigureAwait(false);
            MultipartAttempt? attempt = checkpoint is null ? null : await ReconcileAsync(checkpoint).ConfigureAwait(false);
            if (checkpoint is not null && attempt is null)
            {
                // OSS no longer knows the upload: an earlier run completed it and died before it could say
                // so, or it is gone (completed, aborted, a lifecycle rule).
                if (await TryAcceptCompletedAsync(checkpoint).ConfigureAwait(false) is UploadResult completed)
                {
                    return completed;
                }

                _context.Log.Warning("The upload " + checkpoint.UploadId + " recorded in the checkpoint '" + _owned.CheckpointPath
                    + "' no longer exists on OSS (it was completed, aborted, or removed by a lifecycle rule); starting a new upload.");
                _owned.Release();
            }

            attempt ??= await StartAsync().ConfigureAwait(false);
            try
            {
                return await SendCompleteAndVerifyAsync(attempt).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt.Resumed && UploadErrors.IsVanished(ex))
            {
                // Started over once; a new upload that vanishes is a failure (something deletes uploads).
                _context.Log.Warning("The upload " + attempt.UploadId + " disappeared from OSS while it was being resumed (NoSuchUpload); starting a new upload.");
                _owned.Release();
                return await SendCompleteAndVerifyAsync(await StartAsync().ConfigureAwait(false)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (_token.IsCancellationRequested && ex is not UploadCanceledException)
        {
            var (uploadId, checkpointPath, nextStep) = await _owned.SettleAsync().ConfigureAwait(false);
            throw UploadErrors.Canceled(_context, ex, _token, uploadId, checkpointPath, nextStep);
        }
        catch (Exception ex) when (ex is not UploadFailedException and not UploadCanceledException)
        {
            if (UploadErrors.IsVanished(ex))
            {
                // Our own new upload disappeared (a lifecycle rule or another tool aborted it): nothing is left to resume.
                _owned.Release();
            }

            var (uploadId, checkpointPath, nextStep) = await _owned.SettleAsync().ConfigureAwait(false);
            throw UploadErrors.Failed(_context, ex, uploadId, checkpointPath, nextStep);
        }
    }

    // Load: what the earlier run of this file and key left. Its upload is resumed when the checkpoint is
    // intact and matches; otherwise it is aborted where it is provably ours (docs/checkpoint-format.md,
    // "Which upload is ours"), and so is an upload a run killed during InitiateMultipartUpload left.
    private async Task<UploadCheckpoint?> LoadEarlierRunAsync()
    {
        if (_store is null)
        {
            return null;
        }

        EarlierRun earlier = ReadEarlierRun(canResume: true);
        await AbandonedUploads.SettleAsync(_context, _store, _identity!, earlier, _token).ConfigureAwait(false);
        if (earlier.Resumed is UploadCheckpoint resumed)
        {
            _owned.Resume(resumed);
        }
        else
        {
            // The earlier run's files name no upload this run continues.
            _owned.Release();
        }

        await SupersededUploads.AbortInterruptedInitiationsAsync(_context, _store, _identity!, earlier.Resumed?.UploadId, _token).ConfigureAwait(false);
        return earlier.Resumed;
    }

    private EarlierRun ReadEarlierRun(bool canResume)
    {
        UploadCheckpoint? checkpoint;
        try
        {
            checkpoint = _store!.TryLoad(_identity!);
        }
        catch (CheckpointException ex) when (IsDamaged(ex.Reason))
        {
            if (canResume)
            {
                _context.Log.Warning("The checkpoint '" + _owned.CheckpointPath + "' cannot be used (" + ex.Reason + "): " + ex.Message + " Starting a new upload.");
            }

            return EarlierRun.Damaged(ex);
        }

        if (checkpoint is null)
        {
            return EarlierRun.NoCheckpoint;
        }

        if (!canResume)
        {
            return EarlierRun.Superseding(checkpoint);
        }

        var expectation = new CheckpointExpectation(_snapshot, _context.Endpoint, _context.Bucket, _context.Key, _request.PartSize, _headers);
        CheckpointValidationResult validation = CheckpointValidator.Validate(checkpoint, expectation);
        if (!validation.IsUsable)
        {
            _context.Log.Warning("The checkpoint '" + _owned.CheckpointPath + "' of upload " + checkpoint.UploadId + " cannot be resumed: "
                + string.Join("; ", validation.Mismatches.Select(m => m.Message)) + ". Aborting that upload and starting a new one.");
            return EarlierRun.Superseding(checkpoint);
        }

        return EarlierRun.Resuming(checkpoint);
    }

    // Reconcile: the server is the source of truth; the checkpoint only says what to expect. Null when
    // OSS no longer knows the upload.
    private async Task<MultipartAttempt?> ReconcileAsync(UploadCheckpoint checkpoint)
    {
        _context.Progress.Restart(checkpoint.PartCount);
        _context.Progress.SetPhase(UploadPhase.Resuming);
        IReadOnlyList<ListedPart> listed;
        try
        {
            listed = await _context.ListPartsAsync(checkpoint.UploadId, _token).ConfigureAwait(false);
        }
        catch (OssServiceException ex) when (ex.IsNoSuchUpload)
        {
            return null;
        }

        PartReconciliation reconciliation = PartReconciler.Reconcile(checkpoint.Plan, checkpoint.CompletedParts, listed);
        foreach (string note in reconciliation.Notes)
        {
            _context.Log.Verbose(note);
        }

        _owned.ForgetParts(reconciliation.Forgotten);
        var parts = new PartSet(checkpoint.Plan);
        foreach (StoredPart kept in reconciliation.Kept)
        {
            parts.Add(kept, sentNow: false);
            _context.Progress.PartAlreadyStored(kept.Size);
        }

        IReadOnlyList<PartWork> work = reconciliation.BuildWork();
        _context.Log.Verbose(string.Format(
            CultureInfo.InvariantCulture,
            "Resuming upload {0}: {1} of {2} parts already stored ({3}){4}; {5} part(s) to send.",
            checkpoint.UploadId,
            reconciliation.Kept.Count,
            checkpoint.PartCount,
            ByteSize.Format(parts.BytesSkipped),
            reconciliation.Candidates.Count == 0
                ? string.Empty
                : string.Format(CultureInfo.InvariantCulture, ", {0} more stored part(s) not in the checkpoint will be checked against the local file", reconciliation.Candidates.Count),
            work.Count - reconciliation.Candidates.Count));
        return new MultipartAttempt(checkpoint.UploadId, parts, work, resumed: true);
    }

    // Crash during Complete: the checkpoint lists every part, OSS no longer knows the upload, and the
    // object is there with exactly the size and CRC-64 the recorded parts combine to.
    private async Task<UploadResult?> TryAcceptCompletedAsync(UploadCheckpoint checkpoint)
    {
        if (!checkpoint.IsComplete)
        {
            return null;
        }

        IReadOnlyList<StoredPart> recorded = checkpoint.CompletedParts;
        ulong expected = MultipartCompletion.CombineCrc(recorded);
        HeadObjectResult? head = await MultipartCompletion.TryHeadAsync(_context, _token).ConfigureAwait(false);
        if (head is null || head.ContentLength != _snapshot.Length || head.Crc64 != expected)
        {
            return null;
        }

        _context.Log.Verbose("The upload " + checkpoint.UploadId + " was already completed by an earlier run whose response was lost: "
            + _context.Destination + " has the expected size and CRC-64.");
        _owned.Release();
        _context.Progress.Complete();
        return _context.Result(
            checkpoint.Plan, checkpoint.UploadId, 0, recorded.Sum(p => p.Size), head.ETag ?? string.Empty, expected, head.VersionId, resumed: true, _owned.CheckpointPath);
    }

    // Start: a new upload, recorded (marker, upload ID record, checkpoint) before any part is sent.
    private async Task<MultipartAttempt> StartAsync()
    {
        _context.Progress.Restart(_plan.PartCount);
        await _owned.StartAsync(_plan, _snapshot, _headers, _request.WriteOptions, _token).ConfigureAwait(false);
        var work = _plan.Parts.Select(range => new PartWork(range, null)).ToList();
        return new MultipartAttempt(_owned.UploadId!, new PartSet(_plan), work, resumed: false);
    }

    // Send parts → complete → verify; the checkpoint goes only after the verified Complete.
    private async Task<UploadResult> SendCompleteAndVerifyAsync(MultipartAttempt attempt)
    {
        _context.Progress.SetPhase(UploadPhase.Uploading);
        await PartRunner.RunAsync(_context, attempt.UploadId, attempt.Parts, attempt.Work, _owned.Record, _token).ConfigureAwait(false);
        CompletionOutcome outcome;
        try
        {
            outcome = await MultipartCompletion.CompleteAsync(_context, attempt.UploadId, _snapshot, attempt.Parts, _request.WriteOptions, _token)
                .ConfigureAwait(false);
        }
        catch (UploadVerificationException)
        {
            // Complete consumed the upload; the checkpoint can never be resumed.
            _owned.Release();
            throw;
        }

        _owned.Release();
        _context.Progress.Complete();
        return _context.Result(
            attempt.Parts.Plan, attempt.UploadId, attempt.Parts.BytesSent, attempt.Parts.BytesSkipped, outcome.ETag, outcome.Crc64, outcome.VersionId, attempt.Resumed, _owned.CheckpointPath);
    }
}
