using System;
using System.Collections.Generic;

namespace OssResumable.Emulator;

/// <summary>An in-progress multipart upload.</summary>
public sealed class EmulatorUploadInfo
{
    internal EmulatorUploadInfo(string bucket, string key, string uploadId, DateTimeOffset initiated, IReadOnlyList<EmulatorPartInfo> parts)
    {
        Bucket = bucket;
        Key = key;
        UploadId = uploadId;
        Initiated = initiated;
        Parts = parts;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The object key the upload will create.</summary>
    public string Key { get; }

    /// <summary>The upload id (32 upper-case hex characters).</summary>
    public string UploadId { get; }

    /// <summary>When the upload was initiated.</summary>
    public DateTimeOffset Initiated { get; }

    /// <summary>The uploaded parts in part-number order.</summary>
    public IReadOnlyList<EmulatorPartInfo> Parts { get; }
}
