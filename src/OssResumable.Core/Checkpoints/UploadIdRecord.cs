using System;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// The upload ID of the multipart upload a run of one source file to one destination owns, written as
/// its own small file right after InitiateMultipartUpload and before the checkpoint, and deleted with the
/// checkpoint. It is what proves, when the checkpoint is damaged or lost, which upload on OSS is ours
/// to abort (docs/checkpoint-format.md, "The upload ID record"). It holds no credentials.
/// </summary>
public sealed class UploadIdRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="identity">The source file and destination.</param>
    /// <param name="endpoint">The OSS endpoint the upload was initiated through; must not contain credentials.</param>
    /// <param name="uploadId">The upload ID InitiateMultipartUpload returned.</param>
    /// <param name="initiatedUtc">When the upload was initiated (this machine's clock).</param>
    /// <exception cref="ArgumentException">An argument is empty, or the endpoint carries credentials or a query.</exception>
    public UploadIdRecord(CheckpointIdentity identity, string endpoint, string uploadId, DateTime initiatedUtc)
    {
        Identity = identity ?? throw new ArgumentNullException(nameof(identity));
        UploadCheckpoint.ValidateEndpoint(endpoint);
        UploadCheckpoint.RequireText(uploadId, nameof(uploadId), "The upload ID cannot be empty.");
        Endpoint = endpoint;
        UploadId = uploadId;
        InitiatedUtc = UploadCheckpoint.ToUtc(initiatedUtc);
    }

    /// <summary>The source file and destination; the record's file name derives from it.</summary>
    public CheckpointIdentity Identity { get; }

    /// <summary>The endpoint the upload was initiated through.</summary>
    public string Endpoint { get; }

    /// <summary>The destination bucket.</summary>
    public string Bucket => Identity.Bucket;

    /// <summary>The destination object key.</summary>
    public string Key => Identity.Key;

    /// <summary>The multipart upload ID.</summary>
    public string UploadId { get; }

    /// <summary>When the upload was initiated (UTC, this machine's clock).</summary>
    public DateTime InitiatedUtc { get; }
}
