using System;

namespace OssResumable.PowerShell;

/// <summary>
/// An unfinished multipart upload: what Get-OssMultipartUpload emits, and the target object of an
/// upload error. Pipe it to Get-OssUploadPart, Resume-OssUpload or Stop-OssUpload; the endpoint, region,
/// signature version and addressing it carries are used when those commands are not given -Endpoint.
/// </summary>
public class OssMultipartUpload
{
    internal OssMultipartUpload(string bucket, string key, string uploadId)
    {
        Bucket = bucket;
        Key = key;
        UploadId = uploadId;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The object key the upload will create.</summary>
    public string Key { get; }

    /// <summary>The upload id.</summary>
    public string UploadId { get; }

    /// <summary>When the upload was initiated, in local time; null when unknown (error targets).</summary>
    public DateTime? Initiated { get; internal set; }

    /// <summary>The endpoint the upload was listed or started through, e.g. <c>https://oss-cn-hangzhou.aliyuncs.com</c>.</summary>
    public string? Endpoint { get; internal set; }

    /// <summary>The region requests were signed for, or null.</summary>
    public string? Region { get; internal set; }

    /// <summary>The signature version (1 or 4) requests were signed with, or null when unknown.</summary>
    public int? SignatureVersion { get; internal set; }

    /// <summary>True when path-style addressing was forced (-PathStyle), or null when unknown.</summary>
    public bool? PathStyle { get; internal set; }

    /// <summary>The storage class of the object being uploaded, or null.</summary>
    public string? StorageClass { get; internal set; }

    /// <summary>The local file being uploaded, when known (error targets); Resume-OssUpload binds it to -LiteralPath.</summary>
    public string? LocalPath { get; internal set; }

    /// <summary>The checkpoint file of the upload, when known (error targets).</summary>
    public string? CheckpointPath { get; internal set; }

    /// <summary>The destination as <c>oss://bucket/key</c>.</summary>
    public string Destination => "oss://" + Bucket + "/" + Key;

    /// <inheritdoc />
    public override string ToString() => Destination + " (upload " + UploadId + ")";
}
