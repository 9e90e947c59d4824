using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace OssResumable.PowerShell.Hosting;

/// <summary>
/// Resolves the module's private dependencies (OssResumable.Core, Polly and their netstandard
/// packages) from the <c>Dependencies/</c> folder next to the cmdlet assembly, so that another
/// module's copy of Polly or System.Text.Json cannot break this one (style.md M2).
/// </summary>
/// <remarks>
/// <para>PowerShell 7 (.NET): every dependency the runtime does not itself provide is loaded up front into a
/// private load context. Later references from Core or Polly are then found in that context's own
/// cache before the runtime would consult the default context, so a different Polly loaded by another
/// module is never seen. Assemblies the runtime provides (System.Memory, System.Text.Json, ...) are left
/// to it: loading the netstandard package builds of those next to the framework's would create two
/// incompatible copies of types such as <c>Span&lt;T&gt;</c>. The cmdlet assembly itself lives in the default
/// context, and its references to Core reach <see cref="Resolve"/> through <c>AppDomain.AssemblyResolve</c>.</para>
/// <para>Windows PowerShell 5.1 (.NET Framework): <c>AppDomain.AssemblyResolve</c> answers for names found in
/// <c>Dependencies/</c> with <c>Assembly.LoadFrom</c>, whatever version was asked for, which also acts as the
/// binding redirect the netstandard packages need on .NET Framework.</para>
/// </remarks>
internal sealed class DependencyResolver
{
    /// <summary>Name of the folder beside the cmdlet assembly.</summary>
    public const string FolderName = "Dependencies";

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
    /// <param name="directory">The Dependencies folder.</param>
    /// <param name="context">The private load context on .NET, null on .NET Framework.</param>
    /// <param name="owner">The cmdlet assembly (requests from it are answered), or null to answer any requester.</param>
    public DependencyResolver(string directory, LoadContextProxy? context, Assembly? owner)
    {
        _directory = directory;
        _context = context;
        _owner = owner;
        _files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(directory))
        {
            foreach (string file in Directory.GetFiles(directory, "*.dll"))
            {
                _files[Path.GetFileNameWithoutExtension(file)] = file;
            }
        }
    }

    /// <summary>The folder.</summary>
    public string DirectoryPath => _directory;

    /// <summary>Simple names of the assemblies in the folder.</summary>
    public IEnumerable<string> Names => _files.Keys;

    /// <summary>The private load context, or null on .NET Framework.</summary>
    public LoadContextProxy? Context => _context;

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
                string directory = Path.Combine(Path.GetDirectoryName(self.Location) ?? ".", FolderName);
                var resolver = new DependencyResolver(directory, LoadContextProxy.TryCreate("OssResumable"), self);
                resolver.PreloadPrivate(PlatformAssemblies.Names());
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

    /// <summary>
    /// On .NET: loads every dependency the platform does not provide into the private context, so its
    /// cache answers Core's and Polly's references first. No-op on .NET Framework.
    /// </summary>
    /// <param name="platformNames">Simple names of the assemblies the runtime provides.</param>
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
    /// Answers an assembly request: the dependency of that simple name from the folder (loaded into the
    /// private context on .NET, with LoadFrom on .NET Framework), or null when the name is not ours or
    /// the request comes from an assembly that is neither the module nor one of its dependencies.
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

    private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        DependencyResolver? resolver = s_current;
        return resolver?.Resolve(new AssemblyName(args.Name), args.RequestingAssembly);
    }

    private bool IsOurs(Assembly requesting)
    {
        if (requesting == _owner)
        {
            return true;
        }

        string? requestingName = requesting.GetName().Name;
        lock (_loadGate)
        {
            return requestingName is not null && _loaded.TryGetValue(requestingName, out Assembly? loaded) && loaded == requesting;
        }
    }

    private Assembly Load(string name)
    {
        lock (_loadGate)
        {
            if (!_loaded.TryGetValue(name, out Assembly? assembly))
            {
                string path = _files[name];
                assembly = _context is not null ? _context.LoadFromAssemblyPath(path) : Assembly.LoadFrom(path);
                _loaded.Add(name, assembly);
            }

            return assembly;
        }
    }
}
