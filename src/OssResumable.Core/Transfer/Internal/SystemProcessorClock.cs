using System;
using System.ComponentModel;
using System.Diagnostics;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>The process's processor time from <see cref="Process.TotalProcessorTime"/> (microseconds on Linux, about 20 µs a call).</summary>
internal sealed class SystemProcessorClock : IProcessorClock
{
    public static readonly SystemProcessorClock Instance = new();

    private SystemProcessorClock()
    {
    }

    public double? ProcessorSeconds
    {
        get
        {
            try
            {
                using Process process = Process.GetCurrentProcess();
                return process.TotalProcessorTime.TotalSeconds;
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException or NotSupportedException or InvalidOperationException or Win32Exception)
            {
                // Some platforms (browser, mobile) do not report it: the timing then falls back to wall-clock time.
                return null;
            }
        }
    }
}
