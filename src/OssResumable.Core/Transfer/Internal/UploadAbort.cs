using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>The rule of every abort: an upload OSS no longer has is gone, which is what an abort wants.</summary>
internal static class UploadAbort
{
    /// <summary>Aborts an upload.</summary>
    /// <returns>True when OSS had the upload and aborted it; false when it was already gone (NoSuchUpload).</returns>
    /// <exception cref="OssException">The abort failed for another reason.</exception>
    public static async Task<bool> AbortAsync(IOssClient client, string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            await client.AbortMultipartUploadAsync(bucket, key, uploadId, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OssServiceException ex) when (ex.IsNoSuchUpload)
        {
            return false;
        }
    }
}
