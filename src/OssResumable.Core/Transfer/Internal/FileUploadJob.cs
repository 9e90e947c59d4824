using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;
using OssResumable.Core.Upload;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// One <see cref="ResumableUploader.UploadFileAsync"/> call: plan, then a single PutObject or a
/// checkpointed multipart upload (resume or start, send parts, complete, verify), with the clean-up
/// rules of docs/engine.md on failure and cancellation.
/// </summary>
internal sealed class FileUploadJob
{
    private readonly UploadContext _context;
    private readonly FileUploadRequest _request;
    private readonly ICheckpointStore? _store;
    private readonly CancellationToken _token;
    private SourceSnapshot _snapshot = null!;
    private IReadOnlyList<KeyValuePair<string, string>> _headers = Array.Empty<KeyValuePair<string, string>>();
    private CheckpointIdentity? _identity;
    private string? _checkpointPath;
    private UploadCheckpoint? _checkpoint;
    private string? _uploadId;
    private bool _resumed;
    private int _saveFailureReported;

    public FileUploadJob(UploadContext context, FileUploadRequest request, ICheckpointStore? store, CancellationToken cancellationToken)
    {
        _context = context;
        _request = request;
        _store = store;
        _token = cancellationToken;
    }

    public async Task<UploadResult> RunAsync()
    {
        // Pre-flight: problems with the request itself surface as they are (ArgumentException,
        // FileNotFoundException, SourceChangedException, UploadPlanningException) before any request.
        _snapshot = SourceSnapshot.Capture(_context.FilePath);
        UploadPlan plan = UploadPlanner.Plan(_snapshot.Length, _request.PartSize, _request.MultipartThreshold);
        _headers = ObjectHeaderMapping.ToHeaders(_request.WriteOptions);

        // Header values a checkpoint cannot hold (line breaks) are refused now, not after Initiate.
        CheckpointHeaders.Normalize(_headers);
        if (_store is not null)
        {
            _identity = new CheckpointIdentity(_snapshot.FullPath, _context.Bucket, _context.Key);
            _checkpointPath = _store.GetCheckpointPath(_identity);
        }

        _context.Progress.Start(_snapshot.Length, plan.PartCount);
        _context.Log.Verbose("Plan for '" + _snapshot.FullPath + "' to " + _context.Destination + ": " + plan + ".");
        try
        {
            return plan.IsMultipart
                ? await RunMultipartAsync(plan).ConfigureAwait(false)
                : await RunSinglePutAsync(plan).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (_token.IsCancellationRequested && ex is not UploadCanceledException)
        {
            // Cancelled before any upload of ours existed (e.g. while a superseded upload was aborted).
            throw UploadErrors.Canceled(_context, ex, _token, null, null, UploadErrors.NothingLeft);
        }
    }

    private static bool IsDamaged(CheckpointFailureReason reason) =>
        reason is CheckpointFailureReason.Corrupt or CheckpointFailureReason.NotACheckpoint
            or CheckpointFailureReason.ChecksumMismatch or CheckpointFailureReason.InvalidContent;

    private static bool IsVanished(Exception ex) =>
        ex is UploadVanishedException
        || (ex is PartFailedException { InnerException: OssServiceException { ErrorCode: MultipartCompletion.NoSuchUpload } });

    private async Task<UploadResult> RunSinglePutAsync(UploadPlan plan)
    {
        await SupersedeCheckpointAsync().ConfigureAwait(false);
        _context.Progress.SetPhase(UploadPhase.Uploading);
        PutObjectResult result;
        try
        {
            using (await _context.Throttle.AcquireAsync(_token).ConfigureAwait(false))
            {
                var request = new PutObjectRequest(_context.Bucket, _context.Key, RequestBody.FromFile(_context.FilePath, 0, _snapshot.Length), _request.WriteOptions)
                {
                    Progress = _context.Progress.OnBytes,
                    RetryObserver = _context.OnRetry,
                };
                result = await _context.Client.PutObjectAsync(request, _token).ConfigureAwait(false);
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

        // A single PUT cannot be checked before it is committed; say so if the file changed meanwhile.
        try
        {
            _snapshot.EnsureUnchanged(SourceSnapshot.Capture(_context.FilePath));
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
        {
            throw UploadErrors.Failed(
                _context, ex, null, null, "The object was written while the file changed, so it may not match any version of the file: upload the file again.");
        }

        _context.Progress.Complete();
        _context.Log.Verbose(string.Format(
            CultureInfo.InvariantCulture, "Uploaded {0} in one request; OSS confirmed CRC-64 {1}.", _context.Destination, result.Crc64));
        return new UploadResult(
            _context.Bucket,
            _context.Key,
            _context.FilePath,
            _snapshot.Length,
            uploadId: null,
            result.ETag,
            result.Crc64,
            partCount: 1,
            partSize: plan.PartSize,
            bytesSent: _snapshot.Length,
            bytesSkipped: 0,
            _context.Retries,
            _context.Stopwatch.Elapsed,
            resumed: false,
            checkpointPath: null,
            result.VersionId);
    }

    // A file that is now uploaded in one request may have a checkpoint (or an upload ID record) from an
    // earlier multipart attempt (a smaller file then, or another threshold): abort that upload so it
    // leaves no parts. The cheap check comes first and without the lock, because thousands of small
    // files pass here.
    private async Task SupersedeCheckpointAsync()
    {
        if (_store is null || _identity is null || !EarlierRunPresent())
        {
            return;
        }

        using (_store.AcquireLock(_identity))
        {
            EarlierRun earlier;
            try
            {
                UploadCheckpoint? checkpoint = _store.TryLoad(_identity);
                earlier = checkpoint is null ? EarlierRun.NoCheckpoint : EarlierRun.Superseding(checkpoint);
            }
            catch (CheckpointException ex) when (IsDamaged(ex.Reason))
            {
                earlier = EarlierRun.Damaged(ex);
            }

            if (earlier != EarlierRun.NoCheckpoint)
            {
                _context.Log.Warning("The checkpoint '" + _checkpointPath + "' of an earlier multipart upload"
                    + (earlier.IntactUploadId is string uploadId ? " (" + uploadId + ")" : string.Empty)
                    + " is superseded: the file is now uploaded in a single request.");
            }

            await AbandonedUploads.SettleAsync(_context, _store, _identity, earlier, _token).ConfigureAwait(false);
            DeleteCheckpointQuietly();
        }
    }

    private bool EarlierRunPresent() =>
        Present(() => _store!.TryLoad(_identity!)) || Present(() => _store!.TryLoadUploadIdRecord(_identity!));

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

    private async Task<UploadResult> RunMultipartAsync(UploadPlan requestedPlan)
    {
        IDisposable? held = _store is null ? null : _store.AcquireLock(_identity!);
        try
        {
            UploadCheckpoint? existing = _store is null ? null : await LoadResumableCheckpointAsync().ConfigureAwait(false);
            if (_store is not null)
            {
                await SupersededUploads.AbortInterruptedInitiationsAsync(_context, _store, _identity!, existing?.UploadId, _token).ConfigureAwait(false);
            }

            try
            {
                return await UploadPartsAndCompleteAsync(existing, requestedPlan).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (_token.IsCancellationRequested && ex is not UploadCanceledException)
            {
                var (uploadId, checkpointPath, nextStep) = await SettleAsync().ConfigureAwait(false);
                throw UploadErrors.Canceled(_context, ex, _token, uploadId, checkpointPath, nextStep);
            }
            catch (Exception ex) when (ex is not UploadFailedException and not UploadCanceledException)
            {
                if (IsVanished(ex))
                {
                    // Our own new upload disappeared (a lifecycle rule or another tool aborted it):
                    // there is nothing left to resume.
                    ForgetUpload();
                }

                var (uploadId, checkpointPath, nextStep) = await SettleAsync().ConfigureAwait(false);
                throw UploadErrors.Failed(_context, ex, uploadId, checkpointPath, nextStep);
            }
        }
        finally
        {
            held?.Dispose();
        }
    }

    private async Task<UploadResult> UploadPartsAndCompleteAsync(UploadCheckpoint? existing, UploadPlan requestedPlan)
    {
        while (true)
        {
            PartSet parts;
            IReadOnlyList<PartWork> work;
            bool resuming = existing is not null;
            if (existing is not null)
            {
                var reconciled = await ReconcileAsync(existing).ConfigureAwait(false);
                if (reconciled is null)
                {
                    if (existing.IsComplete && await TryAcceptCompletedAsync(existing).ConfigureAwait(false) is UploadResult done)
                    {
                        return done;
                    }

                    _context.Log.Warning("The upload " + existing.UploadId + " recorded in the checkpoint '" + _checkpointPath
                        + "' no longer exists on OSS (it was completed, aborted, or removed by a lifecycle rule); starting a new upload.");
                    ForgetUpload();
                    existing = null;
                    continue;
                }

                (parts, work) = reconciled.Value;
                _resumed = true;
            }
            else
            {
                (parts, work) = await StartNewUploadAsync(requestedPlan).ConfigureAwait(false);
                _resumed = false;
            }

            try
            {
                _context.Progress.SetPhase(UploadPhase.Uploading);
                await PartRunner.RunAsync(_context, _uploadId!, parts, work, RecordPart, _token).ConfigureAwait(false);
                CompletionOutcome outcome = await MultipartCompletion.CompleteAsync(_context, _uploadId!, _snapshot, parts, _request.WriteOptions, _token)
                    .ConfigureAwait(false);
                DeleteCheckpointQuietly();
                _context.Progress.Complete();
                return Result(parts, outcome);
            }
            catch (Exception ex) when (resuming && IsVanished(ex))
            {
                _context.Log.Warning("The upload " + _uploadId + " disappeared from OSS while it was being resumed (NoSuchUpload); starting a new upload.");
                ForgetUpload();
                existing = null;
            }
            catch (UploadVerificationException)
            {
                // Complete consumed the upload; the checkpoint can never be resumed.
                DeleteCheckpointQuietly();
                throw;
            }
        }
    }

    private async Task<UploadCheckpoint?> LoadResumableCheckpointAsync()
    {
        EarlierRun earlier = ReadEarlierRun();

        // Whatever the checkpoint's state, the upload an earlier run left and this run does not resume
        // is aborted when it is provably ours (docs/checkpoint-format.md, "Which upload is ours").
        await AbandonedUploads.SettleAsync(_context, _store!, _identity!, earlier, _token).ConfigureAwait(false);
        if (earlier.Resumed is not UploadCheckpoint checkpoint)
        {
            DeleteCheckpointQuietly();
            return null;
        }

        _checkpoint = checkpoint;
        _uploadId = checkpoint.UploadId;
        _context.Log.UploadId = _uploadId;
        return checkpoint;
    }

    private EarlierRun ReadEarlierRun()
    {
        UploadCheckpoint? checkpoint;
        try
        {
            checkpoint = _store!.TryLoad(_identity!);
        }
        catch (CheckpointException ex) when (IsDamaged(ex.Reason))
        {
            _context.Log.Warning("The checkpoint '" + _checkpointPath + "' cannot be used (" + ex.Reason + "): " + ex.Message + " Starting a new upload.");
            return EarlierRun.Damaged(ex);
        }

        if (checkpoint is null)
        {
            return EarlierRun.NoCheckpoint;
        }

        var expectation = new CheckpointExpectation(_snapshot, _context.Endpoint, _context.Bucket, _context.Key, _request.PartSize, _headers);
        CheckpointValidationResult validation = CheckpointValidator.Validate(checkpoint, expectation);
        if (!validation.IsUsable)
        {
            _context.Log.Warning("The checkpoint '" + _checkpointPath + "' of upload " + checkpoint.UploadId + " cannot be resumed: "
                + string.Join("; ", validation.Mismatches.Select(m => m.Message)) + ". Aborting that upload and starting a new one.");
            return EarlierRun.Superseding(checkpoint);
        }

        return EarlierRun.Resuming(checkpoint);
    }

    private async Task<(PartSet Parts, IReadOnlyList<PartWork> Work)?> ReconcileAsync(UploadCheckpoint checkpoint)
    {
        _context.Progress.Restart(checkpoint.PartCount);
        _context.Progress.SetPhase(UploadPhase.Resuming);
        IReadOnlyList<UploadedPart> listed;
        try
        {
            listed = await _context.ListPartsAsync(checkpoint.UploadId, _token).ConfigureAwait(false);
        }
        catch (OssServiceException ex) when (ex.ErrorCode == MultipartCompletion.NoSuchUpload)
        {
            return null;
        }

        PartReconciliation reconciliation = PartReconciler.Reconcile(checkpoint.Plan, checkpoint.CompletedParts, listed);
        foreach (string note in reconciliation.Notes)
        {
            _context.Log.Verbose(note);
        }

        foreach (int number in reconciliation.Forgotten)
        {
            checkpoint.ForgetPart(number);
        }

        if (reconciliation.Forgotten.Count > 0)
        {
            SaveCheckpointQuietly();
        }

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
        return (parts, work);
    }

    // Crash during Complete: the checkpoint lists every part, OSS no longer knows the upload, and the
    // object is there with exactly the size and CRC-64 the recorded parts combine to.
    private async Task<UploadResult?> TryAcceptCompletedAsync(UploadCheckpoint checkpoint)
    {
        var recorded = checkpoint.CompletedParts.Select(StoredPart.From).ToList();
        ulong expected = MultipartCompletion.CombineCrc(recorded);
        HeadObjectResult? head = await MultipartCompletion.TryHeadAsync(_context, _token).ConfigureAwait(false);
        if (head is null || head.ContentLength != _snapshot.Length || head.Crc64 != expected)
        {
            return null;
        }

        _context.Log.Verbose("The upload " + checkpoint.UploadId + " was already completed by an earlier run whose response was lost: "
            + _context.Destination + " has the expected size and CRC-64.");
        var parts = new PartSet(checkpoint.Plan);
        foreach (StoredPart part in recorded)
        {
            parts.Add(part, sentNow: false);
        }

        _resumed = true;
        DeleteCheckpointQuietly();
        _context.Progress.Complete();
        return Result(parts, new CompletionOutcome(head.ETag ?? string.Empty, expected, head.VersionId, recoveredByHead: true));
    }

    private async Task<(PartSet Parts, IReadOnlyList<PartWork> Work)> StartNewUploadAsync(UploadPlan plan)
    {
        _context.Progress.Restart(plan.PartCount);
        bool retried = false;
        var request = new InitiateMultipartUploadRequest(_context.Bucket, _context.Key, _request.WriteOptions)
        {
            RetryObserver = notice =>
            {
                retried = true;
                _context.OnRetry(notice);
            },
        };

        // Between OSS creating the upload and a file naming it, a killed process would leave an upload
        // nothing refers to. The marker (written durably first) lets the next run find it.
        DateTime started = DateTime.UtcNow;
        _store?.MarkInitiating(_identity!, started);
        InitiateMultipartUploadResult initiated;
        try
        {
            initiated = await _context.Client.InitiateMultipartUploadAsync(request, _token).ConfigureAwait(false);
        }
        catch (OssException ex) when (_store is not null && !retried && CannotHaveCreatedUpload(ex))
        {
            // The only attempt was refused (OSS answered 4xx, or the TLS handshake failed, so the request was
            // never sent): no upload exists, and a marker would be left behind for nothing.
            _store.ClearInitiatingMark(_identity!);
            throw;
        }

        _uploadId = initiated.UploadId;
        _context.Log.UploadId = _uploadId;
        _context.Log.Verbose("Started multipart upload " + _uploadId + " for " + _context.Destination + ".");
        if (_store is not null)
        {
            // Both written before any part is sent. The upload ID record, a small file of its own, still
            // proves which upload is ours if the checkpoint is later damaged or deleted; the checkpoint
            // holds the resumable state. If either cannot be written, the failure handling aborts the
            // upload (no orphan).
            _store.SaveUploadIdRecord(new UploadIdRecord(_identity!, _context.Endpoint, _uploadId, started));
            _store.ClearInitiatingMark(_identity!);
            var checkpoint = new UploadCheckpoint(_context.Endpoint, _context.Bucket, _context.Key, _uploadId, plan, _snapshot, _headers, _context.Connection);
            _store.Save(checkpoint);
            _checkpoint = checkpoint;
        }

        var work = plan.Parts.Select(range => new PartWork(range, null)).ToList();
        return (new PartSet(plan), work);
    }

    // A 5xx or a transport failure may come after OSS acted on the request; only these prove it did not.
    private static bool CannotHaveCreatedUpload(OssException failure) =>
        failure is OssTlsException || failure is OssServiceException { StatusCode: >= 400 and < 500 };

    private void RecordPart(StoredPart part)
    {
        UploadCheckpoint? checkpoint = _checkpoint;
        if (checkpoint is null)
        {
            return;
        }

        checkpoint.RecordCompletedPart(part.ToCheckpointPart());
        SaveCheckpointQuietly();
    }

    // After the first save, a failed save does not stop the upload (the parts are on OSS and a resume
    // reconciles with ListParts); it is reported once.
    private void SaveCheckpointQuietly()
    {
        UploadCheckpoint? checkpoint = _checkpoint;
        if (_store is null || checkpoint is null)
        {
            return;
        }

        try
        {
            _store.Save(checkpoint);
        }
        catch (CheckpointException ex)
        {
            if (Interlocked.Exchange(ref _saveFailureReported, 1) == 0)
            {
                _context.Log.Warning(ex.Message + " The upload goes on; a resume would send or re-check the parts completed since the last successful save.");
            }
        }
    }

    private void DeleteCheckpointQuietly()
    {
        if (_store is null || _identity is null)
        {
            return;
        }

        try
        {
            _store.Delete(_identity);
        }
        catch (CheckpointException ex)
        {
            _context.Log.Warning(ex.Message + " Delete it by hand; it no longer describes a resumable upload.");
        }
    }

    private void ForgetUpload()
    {
        DeleteCheckpointQuietly();
        _checkpoint = null;
        _uploadId = null;
        _context.Log.UploadId = null;
    }

    // Failure or cancellation: keep the upload and save the checkpoint, or — without a checkpoint —
    // abort the upload. Never uses the caller's token.
    private async Task<(string? UploadId, string? CheckpointPath, string NextStep)> SettleAsync()
    {
        string? uploadId = _uploadId;
        if (uploadId is null)
        {
            return (null, null, UploadErrors.NothingLeft);
        }

        UploadCheckpoint? checkpoint = _checkpoint;
        if (_store is not null && checkpoint is not null)
        {
            try
            {
                _store.Save(checkpoint);
                return (uploadId, _checkpointPath, UploadErrors.CheckpointKept(uploadId, _checkpointPath!));
            }
            catch (CheckpointException ex)
            {
                _context.Log.Warning(ex.Message);
                return (uploadId, null, "The checkpoint could not be saved (" + ex.Message.TrimEnd('.') + "). " + UploadErrors.UploadKept(uploadId));
            }
        }

        try
        {
            using CancellationTokenSource cleanup = _context.CreateCleanupTokenSource();
            await _context.Client.AbortMultipartUploadAsync(_context.Bucket, _context.Key, uploadId, cleanup.Token).ConfigureAwait(false);
            _context.Log.Verbose("Aborted upload " + uploadId + " of " + _context.Destination + ".");
            ForgetAbortedUpload();
            return (null, null, UploadErrors.Aborted(uploadId));
        }
        catch (OssServiceException ex) when (ex.ErrorCode == MultipartCompletion.NoSuchUpload)
        {
            ForgetAbortedUpload();
            return (null, null, UploadErrors.NothingLeft);
        }
        catch (Exception ex) when (ex is OssException or OperationCanceledException)
        {
            _context.Log.Warning("The upload " + uploadId + " of " + _context.Destination + " could not be aborted: " + ex.Message);
            return (uploadId, null, UploadErrors.AbortFailed(uploadId, ex));
        }
    }

    // The upload is gone from OSS: no record or marker of it may make a later run look for it.
    private void ForgetAbortedUpload()
    {
        if (_store is not null && _identity is not null)
        {
            DeleteCheckpointQuietly();
            _store.ClearInitiatingMark(_identity);
        }
    }

    private UploadResult Result(PartSet parts, CompletionOutcome outcome) => new(
        _context.Bucket,
        _context.Key,
        _context.FilePath,
        _snapshot.Length,
        _uploadId,
        outcome.ETag,
        outcome.Crc64,
        parts.Plan.PartCount,
        parts.Plan.PartSize,
        parts.BytesSent,
        parts.BytesSkipped,
        _context.Retries,
        _context.Stopwatch.Elapsed,
        _resumed,
        _checkpointPath,
        outcome.VersionId);
}
