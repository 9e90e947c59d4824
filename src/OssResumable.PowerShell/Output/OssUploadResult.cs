using System;

namespace OssResumable.PowerShell;

/// <summary>One uploaded file: what Send-OssFile and Resume-OssUpload emit per file.</summary>
public sealed class OssUploadResult
{
    internal OssUploadResult(string bucket, string key, string localPath)
    {
        Bucket = bucket;
        Key = key;
        LocalPath = localPath;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>The local file that was uploaded.</summary>
    public string LocalPath { get; }

    /// <summary>Bytes in the object.</summary>
    public long Size { get; internal set; }

    /// <summary>The object's ETag (with quotes, as OSS reports it).</summary>
    public string? ETag { get; internal set; }

    /// <summary>CRC-64/XZ of the whole object as an unsigned decimal string, verified against the local file.</summary>
    public string? Crc64 { get; internal set; }

    /// <summary>The multipart upload id, or null when the file went in one PutObject.</summary>
    public string? UploadId { get; internal set; }

    /// <summary>True when the file went as a multipart upload.</summary>
    public bool Multipart { get; internal set; }

    /// <summary>Number of parts (1 for a single PutObject).</summary>
    public int PartCount { get; internal set; }

    /// <summary>Bytes per part (the file length for a single PutObject).</summary>
    public long PartSize { get; internal set; }

    /// <summary>Bytes sent over the network by this run (including re-sent bytes of retried parts).</summary>
    public long BytesSent { get; internal set; }

    /// <summary>Bytes already on OSS from an earlier, interrupted run, which were checked but not sent again.</summary>
    public long BytesReused { get; internal set; }

    /// <summary>Requests that were retried during this run.</summary>
    public int Retries { get; internal set; }

    /// <summary>The object's version id when the bucket is versioned, else null.</summary>
    public string? VersionId { get; internal set; }

    /// <summary>
    /// What this run did: <c>Uploaded</c>, <c>Resumed</c> (continued an earlier upload), or <c>Skipped</c>
    /// (-SkipUnchanged found the object already holding the same bytes; nothing was sent).
    /// </summary>
    public string Status => Skipped ? "Skipped" : Resumed ? "Resumed" : "Uploaded";

    /// <summary>True when nothing was sent because the object already holds the file's bytes (-SkipUnchanged).</summary>
    public bool Skipped { get; internal set; }

    /// <summary>True when this run continued an earlier upload.</summary>
    public bool Resumed { get; internal set; }

    /// <summary>The endpoint used.</summary>
    public string? Endpoint { get; internal set; }

    /// <summary>How long this run took.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>Average bytes per second sent by this run (reused parts excluded).</summary>
    public double BytesPerSecond { get; internal set; }

    /// <summary>The destination as <c>oss://bucket/key</c>.</summary>
    public string Destination => "oss://" + Bucket + "/" + Key;

    /// <inheritdoc />
    public override string ToString() => LocalPath + " -> " + Destination;
}
