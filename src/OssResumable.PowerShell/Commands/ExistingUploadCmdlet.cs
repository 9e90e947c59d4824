using System.Management.Automation;
using OssResumable.PowerShell.ExistingUploads;

namespace OssResumable.PowerShell.Commands;

/// <summary>
/// Shared by Get-OssUploadPart and Stop-OssUpload, which address one multipart upload that exists on OSS:
/// by -Bucket/-Key/-UploadId (positions 0 to 2), or as a piped <see cref="OssMultipartUpload"/> (the default
/// set, so that such an object binds by value rather than by property name and keeps its connection).
/// </summary>
public abstract class ExistingUploadCmdlet : OssCmdlet
{
    /// <summary>The parameter set of -Bucket/-Key/-UploadId.</summary>
    protected const string UploadIdSet = "UploadId";

    /// <summary>The parameter set of -InputObject.</summary>
    protected const string InputObjectSet = "InputObject";

    /// <summary>The bucket.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = UploadIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Bucket { get; set; } = string.Empty;

    /// <summary>The object key.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = UploadIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.KeyCompleter))]
    public string Key { get; set; } = string.Empty;

    /// <summary>The upload id.</summary>
    [Parameter(Mandatory = true, Position = 2, ParameterSetName = UploadIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.UploadCompleter))]
    public string UploadId { get; set; } = string.Empty;

    /// <summary>An upload from Get-OssMultipartUpload, or the target object of an upload error (its connection is used unless -Endpoint/-Region are given).</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public OssMultipartUpload? InputObject { get; set; }

    /// <summary>The upload this record addresses (null in another parameter set, e.g. Stop-OssUpload's -CheckpointPath).</summary>
    internal UploadTarget? Target => ParameterSetName is InputObjectSet or UploadIdSet
        ? UploadTarget.Select(ParameterSetName == InputObjectSet ? InputObject : null, Bucket, Key, UploadId)
        : null;
}
