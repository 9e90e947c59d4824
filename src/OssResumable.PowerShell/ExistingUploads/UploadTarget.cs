using System;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Errors;

namespace OssResumable.PowerShell.ExistingUploads;

/// <summary>
/// The upload a cmdlet addresses (Get-OssUploadPart, Resume-OssUpload, Stop-OssUpload): a piped
/// <see cref="OssMultipartUpload"/>, whose connection comes along, or the -Bucket/-Key/-UploadId parameters.
/// </summary>
internal sealed class UploadTarget
{
    private UploadTarget(string bucket, string key, string uploadId, OssMultipartUpload? piped)
    {
        Bucket = bucket;
        Key = key;
        UploadId = uploadId;
        Piped = piped;
    }

    /// <summary>Bucket.</summary>
    public string Bucket { get; }

    /// <summary>Key.</summary>
    public string Key { get; }

    /// <summary>Upload id.</summary>
    public string UploadId { get; }

    /// <summary>The piped object, or null when the upload was named by parameters.</summary>
    public OssMultipartUpload? Piped { get; }

    /// <summary>The InputObject set's object when there is one, otherwise the parameters.</summary>
    /// <param name="piped">-InputObject, or null.</param>
    /// <param name="bucket">-Bucket.</param>
    /// <param name="key">-Key.</param>
    /// <param name="uploadId">-UploadId.</param>
    /// <returns>The target.</returns>
    public static UploadTarget Select(OssMultipartUpload? piped, string bucket, string key, string uploadId) =>
        piped is null ? new UploadTarget(bucket, key, uploadId, null) : new UploadTarget(piped.Bucket, piped.Key, piped.UploadId, piped);

    /// <summary>Checks bucket, key and upload id before any request.</summary>
    /// <param name="bucket">Bucket.</param>
    /// <param name="key">Key.</param>
    /// <param name="uploadId">Upload id.</param>
    /// <exception cref="ArgumentException">A value is invalid.</exception>
    public static void Validate(string bucket, string key, string uploadId)
    {
        if (OssNames.DescribeBucketProblem(bucket) is string bucketProblem)
        {
            throw new ArgumentException("-Bucket: " + bucketProblem);
        }

        if (OssNames.DescribeKeyProblem(key) is string keyProblem)
        {
            throw new ArgumentException("-Key: " + keyProblem);
        }

        if (string.IsNullOrWhiteSpace(uploadId))
        {
            throw new ArgumentException("-UploadId is empty.");
        }
    }

    /// <summary>What an error about this upload carries, including what a piped object knows (its connection, file and checkpoint).</summary>
    /// <returns>A new context.</returns>
    public ErrorContext NewErrorContext()
    {
        var context = new ErrorContext { Bucket = Bucket, Key = Key, UploadId = UploadId, LocalPath = Piped?.LocalPath, CheckpointPath = Piped?.CheckpointPath };
        return Piped is null ? context : context.WithConnectionOf(Piped);
    }
}
