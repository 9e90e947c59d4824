using System;

namespace OssResumable.Core.Tests.Checkpoints;

/// <summary>A fact about Linux behaviour (file modes, flock); reported as skipped, never silently passed, elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux-specific (file modes / flock).";
        }
    }
}
