using System;
using System.IO;

namespace OssResumable.PowerShell.Tests.Fakes;

/// <summary>Locations of the repository and of the assemblies the metadata tests read.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OssResumable.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("The repository root (with OssResumable.sln) was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The cmdlet assembly as built (copied next to the tests by the project reference).</summary>
    public static string CmdletAssembly => Path.Combine(AppContext.BaseDirectory, "OssResumable.PowerShell.dll");

    /// <summary>PowerShell's reference assembly from PowerShellStandard.Library.</summary>
    public static string SmaReference => Path.Combine(AppContext.BaseDirectory, "reference", "System.Management.Automation.dll");
}
