using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// The rule of <see cref="FileUploadRequest.SkipUnchanged"/>: the object already holds the file's bytes
/// when HeadObject reports the same length and the same CRC-64 (x-oss-hash-crc64ecma) as the local file.
/// OSS reports the whole object's CRC-64 for multipart objects too, so any object this module (or another
/// client) wrote compares. An object without a CRC-64 is not known to be the same, so it is uploaded.
/// </summary>
internal static class UnchangedObject
{
    /// <summary>
    /// Compares the object with the file. The HEAD is a small control request and takes no slot of the shared
    /// budget (<see cref="TransferThrottle"/> counts data requests only): checking unchanged files is bound by
    /// round trips, not bandwidth, so the caller may check more files at once than it uploads.
    /// </summary>
    /// <returns>The object's HEAD when it holds the same bytes; null when it is missing or differs.</returns>
    /// <exception cref="OssException">HeadObject failed for another reason than a missing object (e.g. access denied).</exception>
    public static async Task<HeadObjectResult?> FindAsync(UploadContext context, SourceSnapshot snapshot, CancellationToken cancellationToken)
    {
        HeadObjectResult head;
        try
        {
            head = await context.Client.HeadObjectAsync(context.Bucket, context.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (OssServiceException ex) when (ex.StatusCode == 404)
        {
            context.Log.Verbose(context.Destination + " does not exist: uploading.");
            return null;
        }

        if (head.ContentLength != snapshot.Length || head.Crc64 is not ulong remote)
        {
            context.Log.Verbose(string.Format(
                CultureInfo.InvariantCulture,
                "{0} differs from the file: {1} bytes{2} on OSS, {3} bytes locally; uploading.",
                context.Destination,
                head.ContentLength,
                head.Crc64 is null ? " without a CRC-64" : string.Empty,
                snapshot.Length));
            return null;
        }

        ulong local = await LocalPartChecksum.ComputeAsync(snapshot.FullPath, new PartRange(1, 0, snapshot.Length), cancellationToken).ConfigureAwait(false);
        if (local != remote)
        {
            context.Log.Verbose(string.Format(
                CultureInfo.InvariantCulture, "{0} has the file's length but another CRC-64 ({1} on OSS, {2} locally); uploading.", context.Destination, remote, local));
            return null;
        }

        // The file must not have changed while it was hashed, or the comparison proves nothing.
        snapshot.EnsureUnchanged(SourceSnapshot.Capture(snapshot.FullPath));
        context.Log.Verbose(string.Format(
            CultureInfo.InvariantCulture, "{0} already holds the file's {1} bytes (CRC-64 {2}): skipped.", context.Destination, snapshot.Length, local));
        return head;
    }
}
