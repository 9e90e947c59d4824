using System;
using System.Collections.Generic;
using System.IO;
using OssResumable.PowerShell.Configuration;

namespace OssResumable.PowerShell.Tests.Fakes;

/// <summary>Environment variables and files in memory.</summary>
internal sealed class FakeEnvironment : IConfigurationEnvironment
{
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public HashSet<string> UnreadableFiles { get; } = new(StringComparer.Ordinal);

    public string? HomeDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "fake-home");

    public string HomeFile(params string[] parts) => Path.Combine(HomeDirectory!, Path.Combine(parts));

    public string? GetVariable(string name) => Variables.TryGetValue(name, out string? value) ? value : null;

    public bool FileExists(string path) => Files.ContainsKey(path) || UnreadableFiles.Contains(path);

    public string? TryReadFile(string path)
    {
        if (UnreadableFiles.Contains(path))
        {
            throw new UnauthorizedAccessException("Access to the path '" + path + "' is denied.");
        }

        return Files.TryGetValue(path, out string? text) ? text : null;
    }
}
