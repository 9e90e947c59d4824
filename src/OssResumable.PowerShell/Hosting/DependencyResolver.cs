using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace OssResumable.PowerShell.Hosting;

/// <summary>
/// Resolves the module's private dependencies (OssResumable.Core, Polly and their packages) from the
/// folder <see cref="DependencyFolder"/> chose, so that another module's copy of Polly or System.Text.Json
/// cannot break this one (style.md M2).
/// </summary>
/// <remarks>
/// <para>PowerShell 7 (.NET): the dependencies are loaded up front into a private load context (all of them
/// from <c>Dependencies/net8.0</c>; from the netstandard folder, on .NET older than 8, only those the runtime
/// does not provide itself). Core's and Polly's references are then found in that context's own cache before
/// the runtime would look at the default context, so a different Polly loaded by another module is never
/// seen. The cmdlet assembly lives in the default context; its references to Core (and to
/// Microsoft.Bcl.AsyncInterfaces, which PowerShell 7.4 ships only as version 5.0.0.0) fail there and reach
/// <see cref="Resolve"/> through <c>AppDomain.AssemblyResolve</c>, which answers with the private copies.</para>
/// <para>Windows PowerShell 5.1 (.NET Framework): <c>AppDomain.AssemblyResolve</c> answers for names in
/// <c>Dependencies/</c>, whatever version was asked for (there are no binding redirects for a module), for
/// requests from the cmdlet assembly or from an assembly loaded from that folder. Engine and Polly are loaded
/// with <c>LoadFile</c> (side by side with any other copy), the netstandard packages with <c>LoadFrom</c>
/// (see <see cref="DependencyFolder.IsFrameworkPackage"/>).</para>
/// </remarks>
internal sealed class DependencyResolver
{
    private static readonly object s_gate = new();
    private static DependencyResolver? s_current;
    private static bool s_registered;

    private readonly object _loadGate = new();
    private readonly string _directory;
    private readonly Dictionary<string, string> _files;
    private readonly Dictionary<string, Assembly> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly LoadContextProxy? _context;
    private readonly Assembly? _owner;

    /// <summary>Creates a resolver over a folder.</summary>
    /// <param name="directory">The dependency folder.</param>
    /// <param name="context">The private load context on .NET, null on .NET Framework.</param>
    /// <param name="owner">The cmdlet assembly (requests from it are answered), or null to answer any requester.</param>
    public DependencyResolver(string directory, LoadContextProxy? context, Assembly? owner)
    {
        _directory = Path.GetFullPath(directory);
        _context = context;
        _owner = owner;
        _files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(_directory))
        {
            foreach (string file in Directory.GetFiles(_directory, "*.dll"))
            {
                _files[Path.GetFileNameWithoutExtension(file)] = file;
            }
        }
    }

    /// <summary>How an assembly from the folder is loaded.</summary>
    public enum LoadMethod
    {
        /// <summary><c>AssemblyLoadContext.LoadFromAssemblyPath</c> of the private context (.NET).</summary>
        PrivateContext,

        /// <summary><c>Assembly.LoadFrom</c> (.NET Framework, netstandard packages).</summary>
        LoadFrom,

        /// <summary><c>Assembly.LoadFile</c> (.NET Framework, engine and Polly: side by side with other copies).</summary>
        LoadFile,
    }

    /// <summary>The folder (absolute).</summary>
    public string DirectoryPath => _directory;

    /// <summary>Simple names of the assemblies in the folder.</summary>
    public IEnumerable<string> Names => _files.Keys;

    /// <summary>The private load context, or null on .NET Framework.</summary>
    public LoadContextProxy? Context => _context;

    /// <summary>The resolver installed for this process, or null before the module was imported.</summary>
    internal static DependencyResolver? Current => s_current;

    /// <summary>
    /// Installs the resolver for this process (idempotent: importing the module again reuses the same
    /// load context, since the cmdlet assembly stays bound to the Core it loaded first).
    /// </summary>
    public static void Register()
    {
        lock (s_gate)
        {
            if (s_current is null)
            {
                Assembly self = typeof(DependencyResolver).Assembly;
                string directory = DependencyFolder.ForCurrentRuntime(Path.GetDirectoryName(self.Location) ?? ".");
                var resolver = new DependencyResolver(directory, LoadContextProxy.TryCreate("OssResumable"), self);

                // The net8.0 folder holds only what must be private (engine, Polly, the IAsyncEnumerable facade);
                // from the netstandard folder the runtime's own System.Memory, System.Text.Json, ... are kept.
                bool netFolder = DependencyFolder.IsNetSet(resolver.DirectoryPath);
                resolver.PreloadPrivate(netFolder ? new HashSet<string>() : PlatformAssemblies.Names());
                s_current = resolver;
            }

            if (!s_registered)
            {
                AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
                s_registered = true;
            }
        }
    }

    /// <summary>Removes the resolve handler (module removal). Assemblies already loaded stay loaded.</summary>
    public static void Unregister()
    {
        lock (s_gate)
        {
            if (s_registered)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
                s_registered = false;
            }
        }
    }

    /// <summary>How an assembly is loaded: into the private context on .NET; on .NET Framework see <see cref="DependencyFolder.IsFrameworkPackage"/>.</summary>
    /// <param name="simpleName">The assembly's simple name.</param>
    /// <param name="hasPrivateContext">True on .NET.</param>
    /// <returns>The method.</returns>
    public static LoadMethod MethodFor(string simpleName, bool hasPrivateContext) =>
        hasPrivateContext ? LoadMethod.PrivateContext
        : DependencyFolder.IsFrameworkPackage(simpleName) ? LoadMethod.LoadFrom
        : LoadMethod.LoadFile;

    /// <summary>
    /// On .NET: loads every dependency whose name is not in <paramref name="platformNames"/> into the private
    /// context, so its cache answers Core's and Polly's references first. No-op on .NET Framework.
    /// </summary>
    /// <param name="platformNames">Simple names to leave to the runtime.</param>
    public void PreloadPrivate(ISet<string> platformNames)
    {
        if (_context is null)
        {
            return;
        }

        foreach (KeyValuePair<string, string> file in _files)
        {
            if (!platformNames.Contains(file.Key))
            {
                Load(file.Key);
            }
        }
    }

    /// <summary>
    /// Answers an assembly request: the dependency of that simple name from the folder, or null when the
    /// name is not ours or the request comes from an assembly that is neither the module nor loaded from
    /// the folder (another module's requests are left to it).
    /// </summary>
    /// <param name="requested">The requested name.</param>
    /// <param name="requesting">The requesting assembly, when the runtime knows it.</param>
    /// <returns>The assembly or null.</returns>
    public Assembly? Resolve(AssemblyName requested, Assembly? requesting)
    {
        string? name = requested.Name;
        if (name is null || !_files.ContainsKey(name))
        {
            return null;
        }

        if (requesting is not null && _owner is not null && !IsOurs(requesting))
        {
            return null;
        }

        return Load(name);
    }

    /// <summary>
    /// Whether a requester belongs to the module: the cmdlet assembly, an assembly this resolver loaded, or
    /// one the runtime loaded from the folder itself (.NET Framework binds exact-version references of an
    /// assembly loaded with LoadFrom from its own folder, without asking; such an assembly, e.g.
    /// System.Memory, then asks for a version of System.Runtime.CompilerServices.Unsafe that differs from
    /// the one shipped, and that request must be answered).
    /// </summary>
    /// <param name="requesting">The requesting assembly.</param>
    /// <returns>True when it is ours.</returns>
    internal bool IsOurs(Assembly requesting)
    {
        if (requesting == _owner)
        {
            return true;
        }

        string? requestingName = requesting.GetName().Name;
        lock (_loadGate)
        {
            if (requestingName is not null && _loaded.TryGetValue(requestingName, out Assembly? loaded) && loaded == requesting)
            {
                return true;
            }
        }

        return IsInFolder(LocationOf(requesting));
    }

    /// <summary>Whether a file lies directly in the folder.</summary>
    /// <param name="path">A file path, or null/empty.</param>
    /// <returns>True when the file's folder is the dependency folder.</returns>
    internal bool IsInFolder(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        StringComparison comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return folder is not null && string.Equals(folder.TrimEnd(Path.DirectorySeparatorChar), _directory.TrimEnd(Path.DirectorySeparatorChar), comparison);
    }

    private static string? LocationOf(Assembly assembly)
    {
        try
        {
            return assembly.IsDynamic ? null : assembly.Location;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        DependencyResolver? resolver = s_current;
        return resolver?.Resolve(new AssemblyName(args.Name), args.RequestingAssembly);
    }

    private Assembly Load(string name)
    {
        lock (_loadGate)
        {
            if (!_loaded.TryGetValue(name, out Assembly? assembly))
            {
                string path = _files[name];
                assembly = MethodFor(name, _context is not null) switch
                {
                    LoadMethod.PrivateContext => _context!.LoadFromAssemblyPath(path),
                    LoadMethod.LoadFrom => Assembly.LoadFrom(path),
                    _ => Assembly.LoadFile(path),
                };
                _loaded.Add(name, assembly);
            }

            return assembly;
        }
    }
}
