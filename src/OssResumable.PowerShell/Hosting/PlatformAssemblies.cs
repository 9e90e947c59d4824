using System;
using System.Collections.Generic;
using System.IO;

namespace OssResumable.PowerShell.Hosting;

/// <summary>The assemblies the running .NET host provides itself (its trusted platform assemblies).</summary>
internal static class PlatformAssemblies
{
    /// <summary>
    /// Simple names from <c>TRUSTED_PLATFORM_ASSEMBLIES</c>: the framework plus, in PowerShell 7, the
    /// assemblies shipped with pwsh. Empty on .NET Framework, which has no such list.
    /// </summary>
    /// <returns>The names (case-insensitive set).</returns>
    public static ISet<string> Names() => Parse(AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string);

    /// <summary>Parses a TPA list (paths separated by <see cref="Path.PathSeparator"/>).</summary>
    /// <param name="list">The list, or null.</param>
    /// <returns>The simple names.</returns>
    public static ISet<string> Parse(string? list)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(list))
        {
            return names;
        }

        foreach (string path in list!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
        {
            names.Add(Path.GetFileNameWithoutExtension(path));
        }

        return names;
    }
}
