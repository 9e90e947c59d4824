using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OssResumable.PowerShell.Hosting;

/// <summary>
/// Chooses which set of private dependencies the running PowerShell loads. The module ships two:
/// <c>Dependencies/</c> holds OssResumable.Core for netstandard2.0 with its netstandard packages (Windows
/// PowerShell 5.1 on .NET Framework, and any .NET older than 8), and <c>Dependencies/net8.0/</c> holds the
/// net8.0 build of OssResumable.Core, Polly.Core for net8.0 and the netstandard2.1 facade of
/// Microsoft.Bcl.AsyncInterfaces (PowerShell 7.4+). The net8.0 engine has the hardware CRC-64, owner-only
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
        Select(moduleDirectory, IsNetFramework, Environment.Version.Major, Directory.Exists);

    /// <summary>The folder for a runtime.</summary>
    /// <param name="moduleDirectory">The folder of the cmdlet assembly.</param>
    /// <param name="isNetFramework">Running on .NET Framework.</param>
    /// <param name="runtimeMajorVersion">The major version of .NET (ignored on .NET Framework).</param>
    /// <param name="directoryExists">Checks for a folder.</param>
    /// <returns><c>Dependencies/net8.0</c> on .NET 8+ when the module has it, else <c>Dependencies</c>.</returns>
    public static string Select(string moduleDirectory, bool isNetFramework, int runtimeMajorVersion, Func<string, bool> directoryExists)
    {
        string root = Path.Combine(moduleDirectory, Name);
        string net = Path.Combine(root, NetSubfolder);
        return !isNetFramework && runtimeMajorVersion >= NetMajorVersion && directoryExists(net) ? net : root;
    }

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
