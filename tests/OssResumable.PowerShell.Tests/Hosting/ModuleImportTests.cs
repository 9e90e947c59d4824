using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Tests.Integration;

namespace OssResumable.PowerShell.Tests.Hosting;

/// <summary>
/// Imports the assembled module (tools/OssResumable.ModuleLayout) in a separate process the way PowerShell 7
/// does (tests/OssResumable.ModuleLoadProbe: no reference to the engine, System.Management.Automation and an
/// older Microsoft.Bcl.AsyncInterfaces on the trusted list, another Polly.Core already in the default
/// context), then uploads and lists through the cmdlet assembly against the emulator. This is the only
/// place the dependency resolver meets a real runtime loader.
/// </summary>
public sealed class ModuleImportTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "oss-pwsh-import-" + Guid.NewGuid().ToString("N"));

    public ModuleImportTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        Directory.CreateDirectory(_work);
    }

    private static string LayoutDirectory => Path.GetFullPath(Metadata("ModuleLayoutDirectory"));

    private static string ProbeAssembly => Path.GetFullPath(Metadata("ModuleLoadProbe"));

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Import_OnDotNet_LoadsTheNet8EngineIntoThePrivateContextOnlyAfterTheInitializer()
    {
        string unfinished = await StartUnfinishedUploadAsync("probe/unfinished-net8.bin");
        byte[] content = RandomBytes(350 * 1024, seed: 1);
        string file = Path.Combine(_work, "net8.bin");
        File.WriteAllBytes(file, content);

        ProbeRun run = RunProbe(LayoutDirectory, "--foreign-polly", "--upload", file, EmulatorFixture.Bucket, "probe/net8.bin", "--list", EmulatorFixture.Bucket);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("False", run.Single("engine-loaded-before-initializer"));
        Assert.Equal(100, int.Parse(run.Single("cmdlet-parameters"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("SendOssFileCommand;OssResumable.PowerShell.OssUploadResult", run.All("output-type"));

        // The net8.0 set, or its ReadyToRun copy for exactly this runtime when the layout carries one (x64 Linux).
        string readyToRun = Path.Combine(LayoutDirectory, "Dependencies", "net" + Environment.Version.Major + ".0-linux-x64");
        bool linuxX64 = OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64;
        string net8 = linuxX64 && Directory.Exists(readyToRun) ? readyToRun : Path.Combine(LayoutDirectory, "Dependencies", "net8.0");
        Assert.Equal("OssResumable.Core;0.1.0.0;OssResumable;" + Path.Combine(net8, "OssResumable.Core.dll"), Assert.Single(run.Assemblies("OssResumable.Core")));
        Assert.Contains("Polly.Core;8.0.0.0;OssResumable;" + Path.Combine(net8, "Polly.Core.dll"), run.Assemblies("Polly.Core"));
        Assert.Contains(run.Assemblies("Polly.Core"), a => a.Contains(";Default;", StringComparison.Ordinal) && a.Contains("probe-foreign-", StringComparison.Ordinal));
        Assert.Equal("Microsoft.Bcl.AsyncInterfaces;8.0.0.0;OssResumable;" + Path.Combine(net8, "Microsoft.Bcl.AsyncInterfaces.dll"), Assert.Single(run.Assemblies("Microsoft.Bcl.AsyncInterfaces")));
        Assert.Equal("System.Private.CoreLib", run.Single("engine-iasyncenumerable"));

        Assert.StartsWith("oss://" + EmulatorFixture.Bucket + "/probe/net8.bin;358400;4;", run.Single("uploaded"), StringComparison.Ordinal);
        Assert.Equal(content, _fixture.Emulator.ReadObject(EmulatorFixture.Bucket, "probe/net8.bin"));
        Assert.Contains("probe/unfinished-net8.bin;" + unfinished, run.All("listed"));
    }

    [Fact]
    public async Task Import_WithoutTheNet8Folder_RunsTheNetstandardEngineWithTheRuntimesOwnFrameworkAssemblies()
    {
        // What Windows PowerShell 5.1 loads (the netstandard2.0 engine), run on .NET: the only way its build
        // of the engine is executed here. Without Dependencies/net8.0 the resolver falls back to Dependencies/.
        string layout = Path.Combine(_work, "OssResumable");
        CopyDirectory(LayoutDirectory, layout, skip: Path.Combine(LayoutDirectory, "Dependencies", "net8.0"));
        string unfinished = await StartUnfinishedUploadAsync("probe/unfinished-ns20.bin");
        byte[] content = RandomBytes(350 * 1024, seed: 2);
        string file = Path.Combine(_work, "ns20.bin");
        File.WriteAllBytes(file, content);

        ProbeRun run = RunProbe(layout, "--upload", file, EmulatorFixture.Bucket, "probe/ns20.bin", "--list", EmulatorFixture.Bucket);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("False", run.Single("engine-loaded-before-initializer"));
        Assert.Equal("OssResumable.Core;0.1.0.0;OssResumable;" + Path.Combine(layout, "Dependencies", "OssResumable.Core.dll"), Assert.Single(run.Assemblies("OssResumable.Core")));
        Assert.Equal("Polly.Core;8.0.0.0;OssResumable;" + Path.Combine(layout, "Dependencies", "Polly.Core.dll"), Assert.Single(run.Assemblies("Polly.Core")));
        Assert.Equal(content, _fixture.Emulator.ReadObject(EmulatorFixture.Bucket, "probe/ns20.bin"));
        Assert.Contains("probe/unfinished-ns20.bin;" + unfinished, run.All("listed"));
    }

    private static string Metadata(string name) =>
        typeof(ModuleImportTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == name).Value
            ?? throw new InvalidOperationException(name + " is not set.");

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static void CopyDirectory(string from, string to, string skip)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string directory in Directory.GetDirectories(from).Where(d => !string.Equals(d, skip, StringComparison.Ordinal)))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)), skip);
        }
    }

    private async Task<string> StartUnfinishedUploadAsync(string key)
    {
        using var client = new OssClient(
            new OssClientOptions { Endpoint = _fixture.Emulator.Endpoint, Region = "cn-hangzhou" },
            new OssCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.Secret));
        InitiateMultipartUploadResult started = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(EmulatorFixture.Bucket, key));
        return started.UploadId;
    }

    private ProbeRun RunProbe(string layout, params string[] options)
    {
        Assert.True(File.Exists(Path.Combine(layout, "OssResumable.PowerShell.dll")), "The module layout is missing: " + layout);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProbeAssembly);
        start.ArgumentList.Add(layout);
        foreach (string option in options)
        {
            start.ArgumentList.Add(option);
        }

        foreach (string name in new[] { "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_PROFILE", "OSS_SESSION_TOKEN" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["OSS_ACCESS_KEY_ID"] = EmulatorFixture.AccessKeyId;
        start.Environment["OSS_ACCESS_KEY_SECRET"] = EmulatorFixture.Secret;
        start.Environment["OSS_ENDPOINT"] = _fixture.Emulator.Endpoint.ToString();
        start.Environment["OSS_REGION"] = "cn-hangzhou";

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The probe did not finish: " + output);
        }

        return new ProbeRun(process.ExitCode, output + error.GetAwaiter().GetResult());
    }

    private sealed class ProbeRun
    {
        private readonly List<KeyValuePair<string, string>> _values = new();

        public ProbeRun(int exitCode, string output)
        {
            ExitCode = exitCode;
            Output = output;
            foreach (string line in output.Split('\n'))
            {
                int equals = line.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    _values.Add(new KeyValuePair<string, string>(line[..equals], line[(equals + 1)..].TrimEnd('\r')));
                }
            }
        }

        public int ExitCode { get; }

        public string Output { get; }

        public IReadOnlyList<string> All(string name) => _values.Where(v => v.Key == name).Select(v => v.Value).ToList();

        public string Single(string name) => Assert.Single(All(name));

        public IReadOnlyList<string> Assemblies(string name) => All("assembly").Where(a => a.StartsWith(name + ";", StringComparison.Ordinal)).ToList();
    }
}
