using System.Management.Automation;

namespace OssResumable.PowerShell.Hosting;

/// <summary>Runs on Remove-Module: removes the assembly-resolve handler.</summary>
public sealed class ModuleCleanup : IModuleAssemblyCleanup
{
    /// <summary>Called by PowerShell on Remove-Module.</summary>
    /// <param name="psModuleInfo">The module being removed.</param>
    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyResolver.Unregister();
}
