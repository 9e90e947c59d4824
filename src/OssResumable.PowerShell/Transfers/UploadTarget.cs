using System;
using OssResumable.Core.Protocol;

namespace OssResumable.PowerShell.Transfers;

/// <summary>Checks of bucket, key and upload id shared by the cmdlets that address one upload.</summary>
internal static class UploadTarget
{
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
}
