using System;
using System.Reflection;

namespace OssResumable.PowerShell.Hosting;

/// <summary>
/// A private <c>AssemblyLoadContext</c>, created by reflection because netstandard2.0 has no such type
/// (the PSResourceGet approach, style.md M2). Exists only on .NET (PowerShell 7); on .NET Framework
/// (Windows PowerShell 5.1) <see cref="TryCreate"/> returns null.
/// </summary>
internal sealed class LoadContextProxy
{
    private readonly object _context;
    private readonly MethodInfo _loadFromAssemblyPath;

    private LoadContextProxy(object context, MethodInfo loadFromAssemblyPath)
    {
        _context = context;
        _loadFromAssemblyPath = loadFromAssemblyPath;
    }

    /// <summary>The load context object (an <c>AssemblyLoadContext</c>).</summary>
    public object Context => _context;

    /// <summary>Creates a named, non-collectible load context, or returns null on .NET Framework.</summary>
    /// <param name="name">The context's name (shows in diagnostics).</param>
    /// <returns>The proxy or null.</returns>
    public static LoadContextProxy? TryCreate(string name)
    {
        Type? type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false);
        if (type is null)
        {
            return null;
        }

        ConstructorInfo? constructor = type.GetConstructor(new[] { typeof(string), typeof(bool) });
        MethodInfo? load = type.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
        if (constructor is null || load is null)
        {
            return null;
        }

        return new LoadContextProxy(constructor.Invoke(new object[] { name, false }), load);
    }

    /// <summary>Loads an assembly file into this context.</summary>
    /// <param name="path">Absolute path.</param>
    /// <returns>The assembly.</returns>
    public Assembly LoadFromAssemblyPath(string path)
    {
        try
        {
            return (Assembly)_loadFromAssemblyPath.Invoke(_context, new object[] { path })!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}
