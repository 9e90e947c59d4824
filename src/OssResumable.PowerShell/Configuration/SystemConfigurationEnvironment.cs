using System;
using System.IO;
using System.Text;

namespace OssResumable.PowerShell.Configuration;

/// <summary>The real process environment.</summary>
internal sealed class SystemConfigurationEnvironment : IConfigurationEnvironment
{
    /// <summary>The shared instance.</summary>
    public static readonly SystemConfigurationEnvironment Instance = new();

    private SystemConfigurationEnvironment()
    {
    }

    /// <inheritdoc />
    public string? HomeDirectory
    {
        get
        {
            // USERPROFILE on Windows, HOME elsewhere; GetFolderPath covers accounts without either variable.
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                home = Environment.GetEnvironmentVariable("HOME") ?? string.Empty;
            }

            return home.Length == 0 ? null : home;
        }
    }

    /// <inheritdoc />
    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    /// <inheritdoc />
    public bool FileExists(string path) => File.Exists(path);

    /// <inheritdoc />
    public string? TryReadFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return File.ReadAllText(path, Encoding.UTF8);
    }
}
