using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OssResumable.Core.Files;

/// <summary>
/// How this platform compares file paths: case-insensitively on Windows and macOS (their default file
/// systems are), ordinally elsewhere. Used to compare recorded source paths and to name checkpoints.
/// </summary>
internal static class PathComparison
{
    public static bool IsCaseInsensitive { get; } =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

    public static StringComparison Comparison => IsCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static bool AreSame(string a, string b) => string.Equals(a, b, Comparison);

    /// <summary>The form of a full path that is hashed into a checkpoint name.</summary>
    public static string NormalizeForIdentity(string fullPath)
    {
        string path = Path.GetFullPath(fullPath);
        return IsCaseInsensitive ? path.ToUpperInvariant() : path;
    }
}
