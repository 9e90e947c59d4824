using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace OssResumable.NetFxProxy;

/// <summary>
/// The OSS emulator (a .NET 10 program) as a child process on a free loopback port, started with
/// <c>dotnet OssResumable.Emulator.dll</c>; its first stdout line names the address.
/// </summary>
internal sealed class EmulatorProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private EmulatorProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<EmulatorProcess> StartAsync(string dotnet, string emulatorDll, string dataDirectory, string accessKeyId, string secret, string bucket)
    {
        if (!File.Exists(emulatorDll))
        {
            throw new FileNotFoundException("The emulator is not built (dotnet build src/OssResumable.Emulator -c Release).", emulatorDll);
        }

        var info = new ProcessStartInfo(dotnet)
        {
            Arguments = Quote(emulatorDll) + " --port 0 --data " + Quote(dataDirectory) + " --access-key-id " + accessKeyId
                + " --access-key-secret " + secret + " --bucket " + bucket,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        Process process = Process.Start(info) ?? throw new InvalidOperationException("The emulator did not start.");
        Task<string> firstLine = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(firstLine, Task.Delay(StartTimeout)).ConfigureAwait(false) != firstLine || firstLine.Result is null)
        {
            Stop(process);
            throw new InvalidOperationException("The emulator did not report its address within " + StartTimeout + ".");
        }

        const string Prefix = "listening: ";
        string line = firstLine.Result;
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            Stop(process);
            throw new InvalidOperationException("Unexpected first line from the emulator: " + line);
        }

        return new EmulatorProcess(process, new Uri(line.Substring(Prefix.Length).Trim()));
    }

    public void Dispose()
    {
        Stop(_process);
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }

    private static string Quote(string value) => "\"" + value + "\"";
}
