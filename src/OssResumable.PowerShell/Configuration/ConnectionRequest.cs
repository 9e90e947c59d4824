namespace OssResumable.PowerShell.Configuration;

/// <summary>The connection parameters of a cmdlet (all optional) plus what a piped object says.</summary>
internal sealed class ConnectionRequest
{
    /// <summary><c>-Endpoint</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>-Region</c>.</summary>
    public string? Region { get; set; }

    /// <summary><c>-PathStyle</c>: force path-style addressing; false = automatic.</summary>
    public bool PathStyle { get; set; }

    /// <summary><c>-SignatureVersion</c>: 1 or 4; 0 = not given (4).</summary>
    public int SignatureVersion { get; set; }

    /// <summary>
    /// <c>-WhatIf</c> of a command that sends nothing under it (Send-OssFile, Resume-OssUpload, Stop-OssUpload):
    /// credentials that cannot be found are not an error, so the plan is shown without them.
    /// </summary>
    public bool PlanOnly { get; set; }

    /// <summary><c>-MaxRetries</c>, or null for the client default.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>The endpoint recorded in a piped object (upload, checkpoint), used when no parameter names one.</summary>
    public string? PipelineEndpoint { get; set; }

    /// <summary>The region recorded in a piped object, used with <see cref="PipelineEndpoint"/>.</summary>
    public string? PipelineRegion { get; set; }

    /// <summary>The signature version (1 or 4) recorded in a piped object, used with its endpoint unless <c>-SignatureVersion</c> is given; null = not recorded.</summary>
    public int? PipelineSignatureVersion { get; set; }

    /// <summary>Whether the piped object's upload was reached with forced path-style addressing; null = not recorded.</summary>
    public bool? PipelinePathStyle { get; set; }

    /// <summary>Takes a piped object's connection (endpoint, region, signature version, addressing) as the pipeline hint.</summary>
    /// <param name="upload">The object, or null (no hint).</param>
    /// <returns>This request.</returns>
    public ConnectionRequest WithPipelineObject(OssMultipartUpload? upload)
    {
        PipelineEndpoint = upload?.Endpoint;
        PipelineRegion = upload?.Region;
        PipelineSignatureVersion = upload?.SignatureVersion;
        PipelinePathStyle = upload?.PathStyle;
        return this;
    }

    /// <summary>
    /// Takes a checkpoint's connection as the pipeline hint: its endpoint, and the region, signature version and
    /// addressing the upload was started with, are used unless -Endpoint says otherwise.
    /// </summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <returns>This request.</returns>
    public ConnectionRequest WithCheckpoint(OssResumable.Core.Checkpoints.UploadCheckpoint checkpoint)
    {
        PipelineEndpoint = checkpoint.Endpoint;
        PipelineRegion = checkpoint.Connection?.Region;
        PipelineSignatureVersion = checkpoint.Connection is null ? null : (int)checkpoint.Connection.SignatureVersion;
        PipelinePathStyle = checkpoint.Connection?.PathStyle;
        return this;
    }

    /// <summary>The credential parameters.</summary>
    public CredentialRequest Credentials { get; set; } = new();
}
