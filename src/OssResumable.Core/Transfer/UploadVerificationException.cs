using System;

namespace OssResumable.Core.Transfer;

/// <summary>
/// The object OSS assembled does not match the local file: the CRC-64 OSS reports for it differs
/// from the CRC-64 of the parts that were sent (or its size differs). The object exists under the
/// key but must not be trusted: delete it or upload the file again. The multipart upload was
/// consumed by the Complete, so its checkpoint was removed; <see cref="UploadFailedException.UploadId"/>
/// names it for the record.
/// </summary>
public sealed class UploadVerificationException : UploadFailedException
{
    /// <summary>Creates the exception with a default message.</summary>
    public UploadVerificationException()
        : this("The uploaded object does not match the local file.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public UploadVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UploadVerificationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the object's details.</summary>
    /// <param name="message">The message.</param>
    /// <param name="bucket">Bucket.</param>
    /// <param name="key">Object key.</param>
    /// <param name="filePath">Source file.</param>
    /// <param name="uploadId">The completed upload's ID.</param>
    /// <param name="expectedCrc64">CRC-64 of the local data.</param>
    /// <param name="actualCrc64">CRC-64 OSS reports for the object.</param>
    public UploadVerificationException(string message, string bucket, string key, string? filePath, string? uploadId, ulong expectedCrc64, ulong actualCrc64)
        : base(message, null, bucket, key, filePath, uploadId, checkpointPath: null, partNumber: null)
    {
        ExpectedCrc64 = expectedCrc64;
        ActualCrc64 = actualCrc64;
    }

    /// <summary>CRC-64 of the local data (combined from the parts sent).</summary>
    public ulong ExpectedCrc64 { get; }

    /// <summary>CRC-64 OSS reports for the object.</summary>
    public ulong ActualCrc64 { get; }
}
