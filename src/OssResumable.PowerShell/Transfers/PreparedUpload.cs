using System;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Transfer;
using OssResumable.PowerShell.Errors;

namespace OssResumable.PowerShell.Transfers;

/// <summary>
/// One upload that has been checked and planned but not started: everything -WhatIf shows, and the
/// engine call that runs it.
/// </summary>
internal sealed class PreparedUpload
{
    private readonly Func<IProgress<UploadProgress>?, CancellationToken, Task<UploadResult>> _run;

    public PreparedUpload(
        string localPath,
        long length,
        string bucket,
        string key,
        string description,
        ErrorContext context,
        Func<IProgress<UploadProgress>?, CancellationToken, Task<UploadResult>> run)
    {
        LocalPath = localPath;
        Length = length;
        Bucket = bucket;
        Key = key;
        Description = description;
        Context = context;
        _run = run;
    }

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

    /// <summary>Runs the upload.</summary>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The engine's result.</returns>
    public Task<UploadResult> RunAsync(IProgress<UploadProgress>? progress, CancellationToken cancellationToken) => _run(progress, cancellationToken);
}
