using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OssResumable.PowerShell.Hosting;

/// <summary>
/// Chooses which set of private dependencies the running PowerShell loads. The module ships two:
/// <c>Dependencies/</c> holds OssResumable.Core for netstandard2.0 with its netstandard packages (Windows
/// PowerShell 5.1 on .NET Framework, and any .NET older than 8), and <c>Dependencies/net8.0/</c> holds the
/// net8.0 build of OssResumable.Core, Polly.Core for net8.0 and the netstandard2.1 facade of
/// Microsoft.Bcl.AsyncInterfaces (PowerShell 7.4+); <c>Dependencies/net10.0-linux-x64/</c>, when built, is that
/// set with the engine and Polly compiled ReadyToRun for .NET 10 on x64 Linux (fewer methods to JIT). The net8.0 engine has the hardware CRC-64, owner-only
/// checkpoint ACLs on Windows, an atomic checkpoint replace and the tuned HTTP handler, and its types
/// (IAsyncEnumerable, spans, JSON) are the runtime's own instead of netstandard package copies.
/// </summary>
internal static class DependencyFolder
{
    /// <summary>The folder beside the cmdlet assembly.</summary>
    public const string Name = "Dependencies";

    /// <summary>The subfolder with the .NET 8+ engine.</summary>
    public const string NetSubfolder = "net8.0";

    /// <summary>The lowest .NET major version the net8.0 engine runs on.</summary>
    public const int NetMajorVersion = 8;

    /// <summary>True on .NET Framework (Windows PowerShell 5.1).</summary>
    public static bool IsNetFramework { get; } = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder for this process.</summary>
    /// <param name="moduleDirectory">The folder of the cmdlet assembly.</param>
    /// <returns>The dependency folder.</returns>
    public static string ForCurrentRuntime(string moduleDirectory) =>
        Select(moduleDirectory, IsNetFramework, Environment.Version.Major, CurrentPlatform(), Directory.Exists);

    /// <summary>The folder for a runtime.</summary>
    /// <param name="moduleDirectory">The folder of the cmdlet assembly.</param>
    /// <param name="isNetFramework">Running on .NET Framework.</param>
    /// <param name="runtimeMajorVersion">The major version of .NET (ignored on .NET Framework).</param>
    /// <param name="platform">The OS and architecture as a runtime identifier (<c>linux-x64</c>), or null when it has no ReadyToRun set.</param>
    /// <param name="directoryExists">Checks for a folder.</param>
    /// <returns>
    /// On .NET 8+ when the module has <c>Dependencies/net8.0</c>: the ReadyToRun copy of it compiled for exactly this
    /// runtime major version and platform (<c>Dependencies/net10.0-linux-x64</c>) when the module has one, else
    /// <c>Dependencies/net8.0</c>; otherwise <c>Dependencies</c>.
    /// </returns>
    public static string Select(string moduleDirectory, bool isNetFramework, int runtimeMajorVersion, string? platform, Func<string, bool> directoryExists)
    {
        string root = Path.Combine(moduleDirectory, Name);
        string net = Path.Combine(root, NetSubfolder);
        if (isNetFramework || runtimeMajorVersion < NetMajorVersion || !directoryExists(net))
        {
            return root;
        }

        // Native code is only used by the runtime it was compiled for; any other runtime takes the IL set.
        string readyToRun = Path.Combine(root, "net" + runtimeMajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0-" + platform);
        return platform is not null && directoryExists(readyToRun) ? readyToRun : net;
    }

    /// <summary>Whether a folder is one of the .NET 8+ sets (IL or ReadyToRun), not the netstandard one.</summary>
    /// <param name="directory">A folder <see cref="Select"/> returned.</param>
    /// <returns>True unless it is <c>Dependencies</c> itself.</returns>
    public static bool IsNetSet(string directory) =>
        !string.Equals(Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)), Name, StringComparison.OrdinalIgnoreCase);

    // The ReadyToRun sets the module can carry: only x64 Linux is built today (docs/packaging.md).
    private static string? CurrentPlatform() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.ProcessArchitecture == Architecture.X64 ? "linux-x64" : null;

    /// <summary>
    /// Whether an assembly is one of the netstandard packages that stand in for framework parts
    /// (System.Memory, System.Text.Json, Microsoft.Bcl.AsyncInterfaces, ...). On .NET Framework those are
    /// loaded with <c>LoadFrom</c>, so that one copy per version serves the cmdlets and the engine alike
    /// (their types cross the boundary between the two); everything else (the engine, Polly) is loaded
    /// side by side with <c>LoadFile</c>, so that another module's Polly.Core of the same assembly version
    /// (8.0.0.0 for every Polly 8 release) cannot take the place of ours.
    /// </summary>
    /// <param name="simpleName">The assembly's simple name.</param>
    /// <returns>True for framework-package assemblies.</returns>
    public static bool IsFrameworkPackage(string simpleName) =>
        simpleName.StartsWith("System.", StringComparison.OrdinalIgnoreCase)
        || simpleName.StartsWith("Microsoft.Bcl.", StringComparison.OrdinalIgnoreCase)
        || string.Equals(simpleName, "netstandard", StringComparison.OrdinalIgnoreCase);
}
