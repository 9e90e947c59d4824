using System;
using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;

namespace OssResumable.PowerShell.Hosting;

/// <summary>
/// Runs when the module is imported: installs the dependency resolver before any cmdlet touches
/// OssResumable.Core, and on Windows PowerShell 5.1 makes sure TLS 1.2 is allowed.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    /// <summary>Called by PowerShell on Import-Module.</summary>
    public void OnImport()
    {
        DependencyResolver.Register();
        EnableTls12OnNetFramework();
    }

    // OSS requires TLS 1.2. .NET Framework processes that do not opt into the OS defaults (powershell.exe
    // does not) may offer only SSL3/TLS 1.0. Add TLS 1.2 to what is enabled, never remove anything, and
    // leave SystemDefault (0) alone: the OS then already negotiates TLS 1.2.
    private static void EnableTls12OnNetFramework()
    {
        if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

#pragma warning disable CA5364, CA5386 // Adding TLS 1.2 to the enabled set; no protocol is removed or pinned.
        SecurityProtocolType current = ServicePointManager.SecurityProtocol;
        if (current != 0 && (current & SecurityProtocolType.Tls12) == 0)
        {
            ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
        }
#pragma warning restore CA5364, CA5386
    }
}
