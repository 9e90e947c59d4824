using System;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>A fact that needs Linux (POSIX signals, SSL_CERT_FILE); reported as skipped, never silently passed, elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(string reason = "sends SIGINT with kill(2)")
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux-specific (" + reason + ").";
        }
    }
}
