using System;
using System.IO;
using OssResumable.Core.Protocol;

namespace OssResumable.PowerShell.Parameters;

/// <summary>
/// Object keys for uploaded files: <c>-Key</c> for exactly one file, otherwise <c>-KeyPrefix</c> +
/// the file name (the prefix is used as written: give <c>backups/</c>, not <c>backups</c>, for a
/// "folder"), and the bare file name by default.
/// </summary>
internal static class ObjectKeys
{
    /// <summary>Checks <c>-Key</c>/<c>-KeyPrefix</c> before anything is uploaded.</summary>
    /// <param name="key">The <c>-Key</c> value, or null.</param>
    /// <param name="keyPrefix">The <c>-KeyPrefix</c> value, or null.</param>
    /// <exception cref="ArgumentException">Both given, or the key is not a valid OSS key.</exception>
    public static void ValidateParameters(string? key, string? keyPrefix)
    {
        if (key is not null && keyPrefix is not null)
        {
            throw new ArgumentException("Use -Key (the full key of one object) or -KeyPrefix (prepended to each file name), not both.");
        }

        if (key is not null && OssNames.DescribeKeyProblem(key) is string problem)
        {
            throw new ArgumentException("-Key: " + problem);
        }

        if (keyPrefix is not null && keyPrefix.Length > 0 && keyPrefix[0] == '/')
        {
            throw new ArgumentException("-KeyPrefix must not start with '/': OSS keys have no leading slash (use 'backups/' rather than '/backups/').");
        }
    }

    /// <summary>The key for one file.</summary>
    /// <param name="localPath">The file's path.</param>
    /// <param name="key">The <c>-Key</c> value, or null.</param>
    /// <param name="keyPrefix">The <c>-KeyPrefix</c> value, or null.</param>
    /// <returns>The object key.</returns>
    /// <exception cref="ArgumentException">The resulting key is not a valid OSS key (too long, control characters).</exception>
    public static string For(string localPath, string? key, string? keyPrefix)
    {
        if (key is not null)
        {
            return key;
        }

        string result = (keyPrefix ?? string.Empty) + Path.GetFileName(localPath);
        if (OssNames.DescribeKeyProblem(result) is string problem)
        {
            throw new ArgumentException("The object key '" + result + "' for '" + localPath + "' is not valid: " + problem);
        }

        return result;
    }
}
