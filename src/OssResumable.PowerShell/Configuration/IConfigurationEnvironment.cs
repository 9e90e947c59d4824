namespace OssResumable.PowerShell.Configuration;

/// <summary>
/// The process environment the credential and endpoint resolution reads: environment variables,
/// the home directory and files. A seam so every rule can be tested without touching the real
/// environment of the test process.
/// </summary>
internal interface IConfigurationEnvironment
{
    /// <summary>The user's home directory, or null when the account has none.</summary>
    string? HomeDirectory { get; }

    /// <summary>Returns an environment variable, or null when it is not set.</summary>
    /// <param name="name">Variable name.</param>
    /// <returns>The value or null.</returns>
    string? GetVariable(string name);

    /// <summary>Whether a file exists (without reading it).</summary>
    /// <param name="path">Absolute path.</param>
    /// <returns>True if it exists.</returns>
    bool FileExists(string path);

    /// <summary>Returns the text of a file, or null when it does not exist.</summary>
    /// <param name="path">Absolute path.</param>
    /// <returns>The text (UTF-8) or null.</returns>
    /// <exception cref="System.IO.IOException">The file exists but cannot be read.</exception>
    /// <exception cref="System.UnauthorizedAccessException">The file exists but cannot be read.</exception>
    string? TryReadFile(string path);
}
