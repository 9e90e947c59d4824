using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// The multipart upload one run owns, and its local files (checkpoint and upload ID record through the
/// <see cref="ICheckpointStore"/>, or none without checkpoints). It is the one place that knows which
/// upload is ours at every moment, records its parts, and settles every ending: kept with its
/// checkpoint, aborted, completed or vanished (rclone's single deferred abort is the model).
/// </summary>
internal sealed class OwnedUpload
{
    private readonly UploadContext _context;
    private readonly ICheckpointStore? _store;
    private readonly CheckpointIdentity? _identity;
    private UploadCheckpoint? _checkpoint;
    private string? _uploadId;
    private int _saveFailureReported;

    public OwnedUpload(UploadContext context, ICheckpointStore? store, CheckpointIdentity? identity)
    {
        _context = context;
        _store = store;
        _identity = identity;
        CheckpointPath = store is null || identity is null ? null : store.GetCheckpointPath(identity);
    }

    /// <summary>The upload this run owns now, or null.</summary>
    public string? UploadId => Volatile.Read(ref _uploadId);

    /// <summary>Where the checkpoint is (or would be); null without checkpoints.</summary>
    public string? CheckpointPath { get; }

    /// <summary>Continues the upload an intact checkpoint names.</summary>
    public void Resume(UploadCheckpoint checkpoint)
    {
        _checkpoint = checkpoint;
        Own(checkpoint.UploadId);
    }

    /// <summary>
    /// Starts a new upload: the initiation marker first, then InitiateMultipartUpload, then the upload ID
    /// record and the checkpoint, all before any part is sent. From the moment OSS answers, the upload is
    /// ours, so a failure to write a file is settled like any other failure (the upload is aborted).
    /// </summary>
    public async Task StartAsync(UploadPlan plan, SourceSnapshot snapshot, IReadOnlyList<KeyValuePair<string, string>> headers, ObjectWriteOptions? options, CancellationToken cancellationToken)
    {
        bool retried = false;
        var request = new InitiateMultipartUploadRequest(_context.Bucket, _context.Key, options)
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
        NetworkWaitTimer timer = _context.Throttle.StartNetworkWaitTimer();
        try
        {
            initiated = await _context.Client.InitiateMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
            _context.NoteControlRoundTrip(timer);
        }
        catch (OssException ex) when (_store is not null && !retried && CannotHaveCreatedUpload(ex))
        {
            // The only attempt was refused (OSS answered 4xx, or the TLS handshake failed, so the request was
            // never sent): no upload exists, and a marker would be left behind for nothing.
            _store.ClearInitiatingMark(_identity!);
            throw;
        }

        Own(initiated.UploadId);
        _context.Log.Verbose("Started multipart upload " + initiated.UploadId + " for " + _context.Destination + ".");
        if (_store is null)
        {
            return;
        }

        // The upload ID record, a small file of its own, still proves which upload is ours if the
        // checkpoint is later damaged or deleted; the checkpoint holds the resumable state.
        _store.SaveUploadIdRecord(new UploadIdRecord(_identity!, _context.Endpoint, initiated.UploadId, started));
        _store.ClearInitiatingMark(_identity!);
        var checkpoint = new UploadCheckpoint(_context.Endpoint, _context.Bucket, _context.Key, initiated.UploadId, plan, snapshot, headers, _context.Connection);
        _store.Save(checkpoint);
        _checkpoint = checkpoint;
    }

    // A 5xx or a transport failure may come after OSS acted on the request; only these prove it did not.
    private static bool CannotHaveCreatedUpload(OssException failure) =>
        failure is OssTlsException || failure is OssServiceException { StatusCode: >= 400 and < 500 };

    /// <summary>Records a part OSS confirmed (the checkpoint is saved before progress reports it).</summary>
    public void Record(StoredPart part)
    {
        UploadCheckpoint? checkpoint = _checkpoint;
        if (checkpoint is null)
        {
            return;
        }

        checkpoint.RecordCompletedPart(part);
        SaveQuietly();
    }

    /// <summary>Removes parts OSS does not confirm from the checkpoint (reconciliation).</summary>
    public void ForgetParts(IReadOnlyList<int> partNumbers)
    {
        if (_checkpoint is null || partNumbers.Count == 0)
        {
            return;
        }

        foreach (int number in partNumbers)
        {
            _checkpoint.ForgetPart(number);
        }

        SaveQuietly();
    }

    /// <summary>
    /// The upload is no longer ours to resume: completed and verified, consumed by a Complete whose
    /// object failed verification, or gone from OSS. Its checkpoint and record are deleted.
    /// </summary>
    public void Release()
    {
        DeleteLocalFilesQuietly();
        _checkpoint = null;
        Own(null);
    }

    /// <summary>
    /// The one clean-up of a run that failed or was cancelled: with a checkpoint, the upload is kept and
    /// the checkpoint saved; without one, the upload is aborted (with a fresh token bounded by
    /// <see cref="UploadContext.CleanupTimeout"/>, never the caller's) and its local files removed.
    /// </summary>
    /// <returns>What is left and the sentence that says what to do next.</returns>
    public async Task<(string? UploadId, string? CheckpointPath, string NextStep)> SettleAsync()
    {
        string? uploadId = UploadId;
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
                return (uploadId, CheckpointPath, UploadErrors.CheckpointKept(uploadId, CheckpointPath!));
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
            bool existed = await UploadAbort.AbortAsync(_context.Client, _context.Bucket, _context.Key, uploadId, cleanup.Token).ConfigureAwait(false);
            if (existed)
            {
                _context.Log.Verbose("Aborted upload " + uploadId + " of " + _context.Destination + ".");
            }

            // Gone from OSS: no record or marker of it may make a later run look for it.
            Release();
            _store?.ClearInitiatingMark(_identity!);
            return (null, null, existed ? UploadErrors.Aborted(uploadId) : UploadErrors.NothingLeft);
        }
        catch (Exception ex) when (ex is OssException or OperationCanceledException)
        {
            _context.Log.Warning("The upload " + uploadId + " of " + _context.Destination + " could not be aborted: " + ex.Message);
            return (uploadId, null, UploadErrors.AbortFailed(uploadId, ex));
        }
    }

    // After the first save, a failed save does not stop the upload (the parts are on OSS and a resume
    // reconciles with ListParts); it is reported once.
    private void SaveQuietly()
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

    private void DeleteLocalFilesQuietly()
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

    private void Own(string? uploadId)
    {
        Volatile.Write(ref _uploadId, uploadId);
        _context.Log.UploadId = uploadId;
    }
}
