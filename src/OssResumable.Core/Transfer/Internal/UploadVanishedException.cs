using System;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>Internal signal: OSS says the multipart upload no longer exists (<c>NoSuchUpload</c>).</summary>
internal sealed class UploadVanishedException : Exception
{
    public UploadVanishedException()
    {
    }

    public UploadVanishedException(string message)
        : base(message)
    {
    }

    public UploadVanishedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
