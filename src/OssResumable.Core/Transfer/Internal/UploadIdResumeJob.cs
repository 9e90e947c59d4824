using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// One <see cref="ResumableUploader.ResumeUploadAsync"/> call: finish an upload known only by its
/// ID. Every stored part is checked against the local bytes by size and CRC-64; parts that differ
/// or are missing are sent; then Complete and verification as usual. No checkpoint is read or
/// written, and the upload is never aborted: its ID is the state, so the same call can be repeated.
/// Once it is complete, the local files of this file and key that named it are removed (<see cref="UploadIdLeftovers"/>).
/// </summary>
internal sealed class UploadIdResumeJob
{
    private readonly UploadContext _context;
    private readonly ResumeUploadRequest _request;
    private readonly ICheckpointStore _store;
    private readonly CancellationToken _token;

    public UploadIdResumeJob(UploadContext context, ResumeUploadRequest request, ICheckpointStore store, CancellationToken cancellationToken)
    {
        _context = context;
        _request = request;
        _store = store;
        _token = cancellationToken;
    }

    public async Task<UploadResult> RunAsync()
    {
        SourceSnapshot snapshot = SourceSnapshot.Capture(_context.FilePath);
        if (snapshot.Length == 0)
        {
            throw new UploadPlanningException(
                "The file '" + snapshot.FullPath + "' is empty, and a multipart upload cannot be completed without data. Abort upload "
                    + _request.UploadId + " and upload the file in a single request.");
        }

        if (_request.PartSize is long partSize)
        {
            UploadPlanner.PlanMultipart(snapshot.Length, partSize);
        }

        _context.Log.UploadId = _request.UploadId;
        _context.Progress.Start(snapshot.Length, 0);
        _context.Progress.SetPhase(UploadPhase.Resuming);
        try
        {
            return await ResumeAsync(snapshot).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (_token.IsCancellationRequested && ex is not UploadCanceledException)
        {
            throw UploadErrors.Canceled(_context, ex, _token, _request.UploadId, null, UploadErrors.UploadKept(_request.UploadId));
        }
        catch (OssServiceException ex) when (ex.IsNoSuchUpload)
        {
            throw UploadErrors.Failed(
                _context, ex, null, null, "The upload " + _request.UploadId + " does not exist (it was completed or aborted): upload the file anew.");
        }
        catch (Exception ex) when (UploadErrors.IsVanished(ex))
        {
            throw UploadErrors.Failed(
                _context, ex, null, null, "The upload " + _request.UploadId + " disappeared from OSS while it was being resumed (it was aborted, or removed by a lifecycle rule): upload the file anew.");
        }
        catch (Exception ex) when (ex is not UploadFailedException and not UploadCanceledException)
        {
            throw UploadErrors.Failed(_context, ex, _request.UploadId, null, UploadErrors.UploadKept(_request.UploadId));
        }
    }

    private async Task<UploadResult> ResumeAsync(SourceSnapshot snapshot)
    {
        IReadOnlyList<ListedPart> listed = await _context.ListPartsAsync(_request.UploadId, _token).ConfigureAwait(false);
        UploadPlan plan = PartSizeInference.Infer(snapshot.Length, _request.PartSize, listed, out string explanation);
        _context.Progress.Restart(plan.PartCount);
        _context.Log.Verbose("Resuming upload " + _request.UploadId + " of " + _context.Destination + " without a checkpoint: " + explanation + "; " + plan + ".");

        // Nothing is recorded: every stored part is only a candidate, checked against the local bytes.
        PartReconciliation reconciliation = PartReconciler.Reconcile(plan, Array.Empty<StoredPart>(), listed);
        foreach (string note in reconciliation.Notes)
        {
            _context.Log.Verbose(note);
        }

        IReadOnlyList<PartWork> work = reconciliation.BuildWork();
        _context.Log.Verbose(string.Format(
            CultureInfo.InvariantCulture,
            "{0} stored part(s) will be checked against the local file by CRC-64; {1} part(s) are missing.",
            reconciliation.Candidates.Count,
            plan.PartCount - reconciliation.Candidates.Count));

        var parts = new PartSet(plan);
        _context.Progress.SetPhase(UploadPhase.Uploading);
        await PartRunner.RunAsync(_context, _request.UploadId, parts, work, onStored: null, _token).ConfigureAwait(false);
        CompletionOutcome outcome = await MultipartCompletion.CompleteAsync(_context, _request.UploadId, snapshot, parts, _request.WriteOptions, _token)
            .ConfigureAwait(false);
        _context.Progress.Complete();
        UploadIdLeftovers.Remove(_store, new CheckpointIdentity(snapshot.FullPath, _request.Bucket, _request.Key), _request.UploadId, _context.Log);
        return _context.Result(plan, _request.UploadId, parts.BytesSent, parts.BytesSkipped, outcome.ETag, outcome.Crc64, outcome.VersionId, resumed: true, checkpointPath: null);
    }
}
