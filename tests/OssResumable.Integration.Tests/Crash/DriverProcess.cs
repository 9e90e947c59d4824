using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace OssResumable.Integration.Tests.Crash;

/// <summary>
/// One run of the test driver (tests/OssResumable.Driver, built next to the tests through the
/// project reference) as a child process: <c>dotnet OssResumable.Driver.dll upload ...</c>.
/// Output is captured (the tail is kept for failure messages); <see cref="Kill"/> sends SIGKILL.
/// </summary>
internal sealed class DriverProcess : IDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _stdout = new();
    private readonly Queue<string> _stderr = new();
    private readonly Stopwatch _clock;

    private DriverProcess(Process process)
    {
        _process = process;
        _clock = Stopwatch.StartNew();
        _process.OutputDataReceived += (_, e) => Keep(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string DriverPath => Path.Combine(AppContext.BaseDirectory, "OssResumable.Driver.dll");

    public TimeSpan Elapsed => _clock.Elapsed;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>upload</c> with the given options; the credentials go in the environment, never on the command line.</summary>
    public static DriverProcess StartUpload(IReadOnlyList<string> options, string accessKeyId, string accessKeySecret)
    {
        if (!File.Exists(DriverPath))
        {
            throw new FileNotFoundException("The driver was not built next to the tests (project reference to tests/OssResumable.Driver).", DriverPath);
        }

        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(DriverPath);
        info.ArgumentList.Add("upload");
        foreach (string option in options)
        {
            info.ArgumentList.Add(option);
        }

        info.Environment["OSS_ACCESS_KEY_ID"] = accessKeyId;
        info.Environment["OSS_ACCESS_KEY_SECRET"] = accessKeySecret;
        return new DriverProcess(Process.Start(info) ?? throw new InvalidOperationException("The driver process did not start."));
    }

    /// <summary>SIGKILL on Linux and macOS (TerminateProcess on Windows): no handler, no cleanup runs.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime; the caller looks at the exit code.
        }

        _process.WaitForExit();
    }

    /// <summary>Waits for the exit (and the end of the captured output); false on timeout.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    /// <summary>The last non-empty stdout line.</summary>
    public string? LastOutputLine()
    {
        lock (_stdout)
        {
            return _stdout.LastOrDefault(line => line.Trim().Length > 0);
        }
    }

    /// <summary>The tail of stdout and stderr, for failure messages (the driver never prints secrets).</summary>
    public string DescribeOutput()
    {
        lock (_stdout)
        {
            lock (_stderr)
            {
                return "stdout (tail):\n  " + string.Join("\n  ", _stdout) + "\nstderr (tail):\n  " + string.Join("\n  ", _stderr);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static void Keep(Queue<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Enqueue(line);
            while (lines.Count > KeptLines)
            {
                lines.Dequeue();
            }
        }
    }
}
