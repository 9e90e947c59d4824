using System;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>A fact that needs Linux (POSIX signals); reported as skipped, never silently passed, elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux-specific (sends SIGINT with kill(2)).";
        }
    }
}
