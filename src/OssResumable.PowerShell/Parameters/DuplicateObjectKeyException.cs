using System;

namespace OssResumable.PowerShell.Parameters;

/// <summary>
/// Two files of one command would be stored under the same object key (typically the same file name in two
/// folders of a recursive listing): the later one is refused rather than silently replacing the earlier one.
/// </summary>
public sealed class DuplicateObjectKeyException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public DuplicateObjectKeyException()
        : this(string.Empty, string.Empty, string.Empty)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public DuplicateObjectKeyException(string message)
        : base(message)
    {
        Key = string.Empty;
        LocalPath = string.Empty;
        FirstLocalPath = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DuplicateObjectKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
        LocalPath = string.Empty;
        FirstLocalPath = string.Empty;
    }

    /// <summary>Creates the exception for a refused file.</summary>
    /// <param name="key">The key both files map to.</param>
    /// <param name="localPath">The file refused.</param>
    /// <param name="firstLocalPath">The file of this command that has the key.</param>
    public DuplicateObjectKeyException(string key, string localPath, string firstLocalPath)
        : base("'" + localPath + "' was not uploaded: its key '" + key + "' is already used in this command by '" + firstLocalPath +
            "', and uploading it would replace that object.")
    {
        Key = key;
        LocalPath = localPath;
        FirstLocalPath = firstLocalPath;
    }

    /// <summary>The key both files map to.</summary>
    public string Key { get; }

    /// <summary>The file refused.</summary>
    public string LocalPath { get; }

    /// <summary>The file of this command that has the key.</summary>
    public string FirstLocalPath { get; }
}
