using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using OssResumable.PowerShell.Hosting;

namespace OssResumable.PowerShell.Tests.Hosting;

public sealed class DependencyResolverTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oss-deps-" + Guid.NewGuid().ToString("N"));

    public DependencyResolverTests()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Polly.Core.dll"), Path.Combine(_folder, "Polly.Core.dll"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Microsoft.Bcl.AsyncInterfaces.dll"), Path.Combine(_folder, "Microsoft.Bcl.AsyncInterfaces.dll"));
    }

    public void Dispose()
    {
        // Assemblies loaded from the folder stay mapped in a non-collectible context on some platforms.
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void LoadContextProxy_OnDotNet_CreatesAPrivateContext()
    {
        LoadContextProxy? proxy = LoadContextProxy.TryCreate("test-private");

        Assert.NotNull(proxy);
        var context = Assert.IsAssignableFrom<AssemblyLoadContext>(proxy!.Context);
        Assert.NotSame(AssemblyLoadContext.Default, context);
    }

    [Fact]
    public void PreloadPrivate_LoadsNonPlatformDependenciesIntoThePrivateContextOnly()
    {
        LoadContextProxy proxy = LoadContextProxy.TryCreate("test-preload")!;
        var resolver = new DependencyResolver(_folder, proxy, owner: null);

        resolver.PreloadPrivate(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Microsoft.Bcl.AsyncInterfaces" });
        Assembly? polly = resolver.Resolve(new AssemblyName("Polly.Core"), requesting: null);

        Assert.NotNull(polly);
        Assert.Same(proxy.Context, AssemblyLoadContext.GetLoadContext(polly!));
        Assert.Equal(Path.Combine(_folder, "Polly.Core.dll"), polly!.Location);

        // The copy the test host loaded itself is a different assembly object in another context.
        Assembly hostPolly = typeof(Polly.ResiliencePipeline).Assembly;
        Assert.NotSame(hostPolly, polly);
    }

    [Fact]
    public void Resolve_NameNotInTheFolder_IsNotAnswered()
    {
        var resolver = new DependencyResolver(_folder, LoadContextProxy.TryCreate("test-foreign"), owner: typeof(DependencyResolver).Assembly);

        Assert.Null(resolver.Resolve(new AssemblyName("Newtonsoft.Json"), requesting: null));
    }

    [Fact]
    public void Resolve_RequestFromAnUnrelatedAssembly_IsNotAnswered()
    {
        var resolver = new DependencyResolver(_folder, LoadContextProxy.TryCreate("test-unrelated"), owner: typeof(DependencyResolver).Assembly);

        Assert.Null(resolver.Resolve(new AssemblyName("Polly.Core"), requesting: typeof(FactAttribute).Assembly));
        Assert.NotNull(resolver.Resolve(new AssemblyName("Polly.Core, Version=1.0.0.0"), requesting: typeof(DependencyResolver).Assembly));
    }

    [Fact]
    public void Resolve_AnyVersion_ReturnsTheSameAssemblyEachTime()
    {
        var resolver = new DependencyResolver(_folder, LoadContextProxy.TryCreate("test-versions"), owner: null);

        Assembly? first = resolver.Resolve(new AssemblyName("Polly.Core, Version=7.0.0.0"), null);
        Assembly? second = resolver.Resolve(new AssemblyName("Polly.Core, Version=99.0.0.0"), null);

        Assert.NotNull(first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Names_ListsTheFolder_AndAMissingFolderIsEmpty()
    {
        Assert.Contains("Polly.Core", new DependencyResolver(_folder, null, null).Names);
        Assert.Empty(new DependencyResolver(Path.Combine(_folder, "missing"), null, null).Names);
    }

    [Fact]
    public void IsOurs_AnAssemblyLoadedFromTheFolderByTheRuntime_IsOurs()
    {
        // .NET Framework binds exact-version references of an assembly from its own folder without asking the
        // resolver (System.Memory next to the engine); its own requests (Unsafe 4.0.4.1 while 6.0.0.0 ships)
        // must still be answered.
        var resolver = new DependencyResolver(_folder, context: null, owner: typeof(DependencyResolver).Assembly);
        Assembly byRuntime = new AssemblyLoadContext("test-by-runtime").LoadFromAssemblyPath(Path.Combine(_folder, "Polly.Core.dll"));

        Assert.True(resolver.IsOurs(byRuntime));
        Assert.True(resolver.IsOurs(typeof(DependencyResolver).Assembly));
        Assert.False(resolver.IsOurs(typeof(FactAttribute).Assembly));
        Assert.NotNull(resolver.Resolve(new AssemblyName("Microsoft.Bcl.AsyncInterfaces, Version=1.0.0.0"), byRuntime));
    }

    [Fact]
    public void IsInFolder_OnlyFilesDirectlyInTheFolder()
    {
        var resolver = new DependencyResolver(_folder + Path.DirectorySeparatorChar, context: null, owner: null);

        Assert.True(resolver.IsInFolder(Path.Combine(_folder, "X.dll")));
        Assert.True(resolver.IsInFolder(Path.Combine(_folder, "sub", "..", "X.dll")));
        Assert.False(resolver.IsInFolder(Path.Combine(_folder, "net8.0", "X.dll")));
        Assert.False(resolver.IsInFolder(Path.Combine(Path.GetTempPath(), "X.dll")));
        Assert.False(resolver.IsInFolder(null));
        Assert.False(resolver.IsInFolder(string.Empty));
    }

    [Theory]
    [InlineData("OssResumable.Core", false, "LoadFile")]
    [InlineData("Polly.Core", false, "LoadFile")]
    [InlineData("System.Memory", false, "LoadFrom")]
    [InlineData("System.Runtime.CompilerServices.Unsafe", false, "LoadFrom")]
    [InlineData("Microsoft.Bcl.AsyncInterfaces", false, "LoadFrom")]
    [InlineData("Microsoft.Bcl.TimeProvider", false, "LoadFrom")]
    [InlineData("Polly.Core", true, "PrivateContext")]
    [InlineData("System.Memory", true, "PrivateContext")]
    public void MethodFor_EngineSideBySideOnNetFramework_PackagesShared_PrivateContextOnNet(string name, bool net, string expected) =>
        Assert.Equal(expected, DependencyResolver.MethodFor(name, net).ToString());

    [Theory]
    [InlineData(false, 8, true, "net8.0")]
    [InlineData(false, 10, true, "net8.0")]
    [InlineData(false, 8, false, "")]
    [InlineData(false, 6, true, "")]
    [InlineData(true, 4, true, "")]
    public void DependencyFolder_Select_Net8FolderOnlyOnNet8AndLaterWhenShipped(bool netFramework, int major, bool netFolderExists, string expectedSubfolder)
    {
        string module = Path.Combine(_folder, "OssResumable");
        string root = Path.Combine(module, "Dependencies");

        string selected = DependencyFolder.Select(module, netFramework, major, null, path => netFolderExists && path == Path.Combine(root, "net8.0"));

        Assert.Equal(expectedSubfolder.Length == 0 ? root : Path.Combine(root, expectedSubfolder), selected);
    }

    [Theory]
    [InlineData(false, 10, "linux-x64", "net10.0-linux-x64")]
    [InlineData(false, 8, "linux-x64", "net8.0")]
    [InlineData(false, 11, "linux-x64", "net8.0")]
    [InlineData(false, 10, null, "net8.0")]
    [InlineData(true, 4, "linux-x64", "")]
    public void DependencyFolder_Select_ReadyToRunSetOnlyForItsRuntimeAndPlatform(bool netFramework, int major, string? platform, string expectedSubfolder)
    {
        string module = Path.Combine(_folder, "OssResumable");
        string root = Path.Combine(module, "Dependencies");
        string[] shipped = { Path.Combine(root, "net8.0"), Path.Combine(root, "net10.0-linux-x64") };

        string selected = DependencyFolder.Select(module, netFramework, major, platform, path => Array.IndexOf(shipped, path) >= 0);

        Assert.Equal(expectedSubfolder.Length == 0 ? root : Path.Combine(root, expectedSubfolder), selected);
        Assert.Equal(expectedSubfolder.Length != 0, DependencyFolder.IsNetSet(selected));
    }

    [Fact]
    public void PlatformAssemblies_ParsesTheTrustedList()
    {
        string list = string.Join(Path.PathSeparator, "/usr/share/dotnet/System.Memory.dll", "/opt/pwsh/System.Management.Automation.dll");

        ISet<string> names = PlatformAssemblies.Parse(list);

        Assert.Contains("system.memory", names);
        Assert.Contains("System.Management.Automation", names);
        Assert.Empty(PlatformAssemblies.Parse(null));
        Assert.Contains("System.Text.Json", PlatformAssemblies.Names());
    }
}
