using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Files;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// Finishes a multipart upload: re-checks the source file, completes with the parts in order,
/// recovers a lost Complete response with a HEAD, and verifies the object's CRC-64 against the
/// CRC-64 combined from the parts.
/// </summary>
internal static class MultipartCompletion
{
    /// <summary>CRC-64 of the whole object from its parts' CRCs, in part order, without reading the file.</summary>
    public static ulong CombineCrc(IEnumerable<StoredPart> orderedParts)
    {
        ulong crc = 0;
        foreach (StoredPart part in orderedParts)
        {
            crc = Crc64.Combine(crc, part.Crc64, part.Size);
        }

        return crc;
    }

    /// <exception cref="SourceChangedException">The file changed since the upload began; nothing was completed.</exception>
    /// <exception cref="UploadVanishedException">OSS no longer knows the upload and no matching object exists.</exception>
    /// <exception cref="UploadVerificationException">The object's CRC-64 or size differs from the local data.</exception>
    public static async Task<CompletionOutcome> CompleteAsync(
        UploadContext context, string uploadId, SourceSnapshot snapshot, PartSet parts, ObjectWriteOptions? options, CancellationToken cancellationToken)
    {
        context.Progress.SetPhase(UploadPhase.Completing);
        IReadOnlyList<StoredPart> ordered = parts.ToOrderedList();
        long total = ordered.Sum(p => p.Size);
        if (total != snapshot.Length)
        {
            throw new System.InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture, "The parts add up to {0} bytes but the file has {1}; the upload cannot be completed.", total, snapshot.Length));
        }

        // A file changed during the upload must never be completed into an object that matches no
        // version of it. Capture re-reads size, last-write time and the sampled fingerprint.
        snapshot.EnsureUnchanged(SourceSnapshot.Capture(context.FilePath));

        ulong expected = CombineCrc(ordered);
        var request = new CompleteMultipartUploadRequest(
            context.Bucket, context.Key, uploadId, ordered.Select(p => new CompletedPart(p.PartNumber, p.ETag)).ToList())
        {
            ObjectAcl = options?.ObjectAcl,
            ForbidOverwrite = options?.ForbidOverwrite ?? false,
            RetryObserver = context.OnRetry,
        };

        string eTag;
        ulong? serverCrc;
        string? versionId;
        bool recovered = false;
        try
        {
            CompleteMultipartUploadResult completed = await context.Client.CompleteMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
            eTag = completed.ETag;
            serverCrc = completed.Crc64;
            versionId = completed.VersionId;
        }
        catch (OssServiceException ex) when (ex.IsNoSuchUpload)
        {
            // Either an earlier attempt completed the upload and its response was lost, or the upload
            // was aborted. Only an object with exactly our size and CRC-64 counts as the former.
            HeadObjectResult? head = await TryHeadAsync(context, cancellationToken).ConfigureAwait(false);
            if (head is null || head.ContentLength != snapshot.Length || head.Crc64 != expected)
            {
                throw new UploadVanishedException(
                    "CompleteMultipartUpload found no upload '" + uploadId + "' for " + context.Destination + ", and no object with the expected size and CRC-64 exists.",
                    ex);
            }

            context.Log.Verbose("CompleteMultipartUpload answered NoSuchUpload, but " + context.Destination
                + " exists with the expected size and CRC-64: an earlier attempt completed the upload and its response was lost.");
            eTag = head.ETag ?? string.Empty;
            serverCrc = head.Crc64;
            versionId = head.VersionId;
            recovered = true;
        }

        context.Progress.SetPhase(UploadPhase.Verifying);
        if (serverCrc is null)
        {
            HeadObjectResult? head = await TryHeadAsync(context, cancellationToken).ConfigureAwait(false);
            if (head is not null && head.ContentLength != snapshot.Length)
            {
                throw new UploadVerificationException(
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "The object {0} (upload {1}) has {2} bytes but '{3}' has {4}. Do not use the object: delete it or upload the file again.",
                        context.Destination,
                        uploadId,
                        head.ContentLength,
                        context.FilePath,
                        snapshot.Length),
                    context.Bucket,
                    context.Key,
                    context.FilePath,
                    uploadId,
                    expected,
                    head.Crc64 ?? 0);
            }

            serverCrc = head?.Crc64;
        }

        if (serverCrc is null)
        {
            context.Log.Warning("OSS reported no CRC-64 for " + context.Destination
                + ", so the whole object could not be verified; each part's CRC-64 was checked when it was sent.");
        }
        else if (serverCrc.Value != expected)
        {
            throw new UploadVerificationException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "The object {0} (upload {1}) does not match '{2}': OSS reports CRC-64 {3} for it, but the {4} parts sent combine to {5}. "
                        + "Do not use the object: delete it or upload the file again.",
                    context.Destination,
                    uploadId,
                    context.FilePath,
                    serverCrc.Value,
                    ordered.Count,
                    expected),
                context.Bucket,
                context.Key,
                context.FilePath,
                uploadId,
                expected,
                serverCrc.Value);
        }
        else
        {
            context.Log.Verbose(string.Format(
                CultureInfo.InvariantCulture,
                "Verified {0}: the CRC-64 OSS reports ({1}) equals the CRC-64 combined from the {2} parts.",
                context.Destination,
                expected,
                ordered.Count));
        }

        return new CompletionOutcome(eTag, expected, versionId, recovered);
    }

    /// <summary>HEAD of the destination, or null when it does not exist.</summary>
    public static async Task<HeadObjectResult?> TryHeadAsync(UploadContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Client.HeadObjectAsync(context.Bucket, context.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (OssServiceException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }
}
