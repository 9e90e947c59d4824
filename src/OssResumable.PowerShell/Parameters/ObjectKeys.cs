using System;
using System.IO;
using System.Runtime.InteropServices;
using OssResumable.Core.Protocol;

namespace OssResumable.PowerShell.Parameters;

/// <summary>
/// Object keys for uploaded files: <c>-Key</c> for exactly one file, otherwise <c>-KeyPrefix</c> +
/// the file name (the prefix is used as written: give <c>backups/</c>, not <c>backups</c>, for a
/// "folder"), and the bare file name by default. With <c>-RelativeTo</c> the file's path below that
/// folder takes the file name's place, with '/' between its parts, so a tree keeps its folders.
/// </summary>
internal static class ObjectKeys
{
    /// <summary>Checks <c>-Key</c>/<c>-KeyPrefix</c> before anything is uploaded.</summary>
    /// <param name="key">The <c>-Key</c> value, or null.</param>
    /// <param name="keyPrefix">The <c>-KeyPrefix</c> value, or null.</param>
    /// <param name="relativeTo">The <c>-RelativeTo</c> value given on the command line, or null.</param>
    /// <exception cref="ArgumentException">Conflicting parameters, or the key is not a valid OSS key.</exception>
    public static void ValidateParameters(string? key, string? keyPrefix, string? relativeTo = null)
    {
        if (key is not null && keyPrefix is not null)
        {
            throw new ArgumentException("Use -Key (the full key of one object) or -KeyPrefix (prepended to each file name), not both.");
        }

        if (key is not null && OssNames.DescribeKeyProblem(key) is string problem)
        {
            throw new ArgumentException("-Key: " + problem);
        }

        if (key is not null && relativeTo is not null)
        {
            throw new ArgumentException("Use -Key (the full key of one object) or -RelativeTo (keys from the files' paths below a folder), not both.");
        }

        if (keyPrefix is not null && keyPrefix.Length > 0 && keyPrefix[0] == '/')
        {
            throw new ArgumentException("-KeyPrefix must not start with '/': OSS keys have no leading slash (use 'backups/' rather than '/backups/').");
        }
    }

    /// <summary>The key for one file.</summary>
    /// <param name="localPath">The file's full path.</param>
    /// <param name="key">The <c>-Key</c> value, or null.</param>
    /// <param name="keyPrefix">The <c>-KeyPrefix</c> value, or null.</param>
    /// <param name="relativeTo">The <c>-RelativeTo</c> folder as a full path, or null for the file name alone.</param>
    /// <returns>The object key.</returns>
    /// <exception cref="ArgumentException">
    /// The file is not below <paramref name="relativeTo"/>, or the resulting key is not a valid OSS key (too long,
    /// control characters).
    /// </exception>
    public static string For(string localPath, string? key, string? keyPrefix, string? relativeTo = null)
    {
        if (key is not null)
        {
            return key;
        }

        string name = relativeTo is null ? Path.GetFileName(localPath) : PathBelow(localPath, relativeTo);
        string result = (keyPrefix ?? string.Empty) + name;
        if (OssNames.DescribeKeyProblem(result) is string problem)
        {
            throw new ArgumentException("The object key '" + result + "' for '" + localPath + "' is not valid: " + problem);
        }

        return result;
    }

    private static string PathBelow(string localPath, string folder)
    {
        string full = Path.GetFullPath(localPath);
        string root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;

        // Windows and macOS file systems ignore case by default: 'D:\Data' lists the files of 'd:\data'.
        StringComparison comparison = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (full.Length <= root.Length || !full.StartsWith(root, comparison))
        {
            throw new ArgumentException(
                "'" + localPath + "' is not inside the -RelativeTo folder '" + folder + "', so its key cannot keep its folders. " +
                "Give the folder the files were listed from (Get-ChildItem -Recurse DIR | Send-OssFile -RelativeTo DIR ...).");
        }

        string below = full.Substring(root.Length);
        return Path.DirectorySeparatorChar == '/' ? below : below.Replace(Path.DirectorySeparatorChar, '/');
    }
}
