using OssResumable.Core.Checkpoints;
using OssResumable.Core.Transfer;
using OssResumable.PowerShell.Errors;

namespace OssResumable.PowerShell.Uploads;

/// <summary>
/// One upload that has been checked and planned but not started: everything -WhatIf shows, and the
/// engine request that runs it (exactly one of <see cref="File"/>, <see cref="Checkpoint"/> and
/// <see cref="ByUploadId"/>), for the uploader of its connection.
/// </summary>
internal sealed class PreparedUpload
{
    private PreparedUpload(ResumableUploader uploader, string localPath, long length, string bucket, string key, string description, ErrorContext context)
    {
        Uploader = uploader;
        LocalPath = localPath;
        Length = length;
        Bucket = bucket;
        Key = key;
        Description = description;
        Context = context;
    }

    /// <summary>The uploader of the upload's connection.</summary>
    public ResumableUploader Uploader { get; }

    /// <summary>A file upload (Send-OssFile), or null.</summary>
    public FileUploadRequest? File { get; private set; }

    /// <summary>A resume from a checkpoint, or null.</summary>
    public CheckpointFile? Checkpoint { get; private set; }

    /// <summary>A resume by upload id, or null.</summary>
    public ResumeUploadRequest? ByUploadId { get; private set; }

    /// <summary>The local file (absolute).</summary>
    public string LocalPath { get; }

    /// <summary>Its length when planned.</summary>
    public long Length { get; }

    /// <summary>Bucket.</summary>
    public string Bucket { get; }

    /// <summary>Key.</summary>
    public string Key { get; }

    /// <summary>The plan in words (ShouldProcess action, -WhatIf, -Verbose).</summary>
    public string Description { get; }

    /// <summary>What an error about this upload should carry (endpoint, region, checkpoint, upload id).</summary>
    public ErrorContext Context { get; }

    /// <summary>The ShouldProcess target: <c>local path -> oss://bucket/key</c>.</summary>
    public string Target => LocalPath + " -> oss://" + Bucket + "/" + Key;

    public static PreparedUpload ForFile(ResumableUploader uploader, FileUploadRequest request, long length, string description, ErrorContext context) =>
        new(uploader, request.FilePath, length, request.Bucket, request.Key, description, context) { File = request };

    public static PreparedUpload ForCheckpoint(ResumableUploader uploader, CheckpointFile checkpoint, long length, string description, ErrorContext context) =>
        new(uploader, checkpoint.Checkpoint.Source.FullPath, length, checkpoint.Checkpoint.Bucket, checkpoint.Checkpoint.Key, description, context) { Checkpoint = checkpoint };

    public static PreparedUpload ForUploadId(ResumableUploader uploader, ResumeUploadRequest request, long length, string description, ErrorContext context) =>
        new(uploader, request.FilePath, length, request.Bucket, request.Key, description, context) { ByUploadId = request };
}
