using System;
using System.IO;

namespace OssResumable.PowerShell.Configuration;

/// <summary>
/// Reads the two configuration files OssResumable understands (oss-protocol.md §8.2): the Alibaba
/// Cloud credentials file (INI, one section per profile) and ossutil's <c>~/.ossutilconfig</c>
/// (1.x <c>[Credentials]</c> or 2.0 <c>[default]</c>/<c>[profile NAME]</c>).
/// </summary>
internal sealed class ConfigurationFiles
{
    /// <summary>Name of the profile used when none is chosen.</summary>
    public const string DefaultProfile = "default";

    private readonly IConfigurationEnvironment _environment;

    /// <summary>Creates the reader.</summary>
    /// <param name="environment">Where variables and files come from.</param>
    public ConfigurationFiles(IConfigurationEnvironment environment)
    {
        _environment = environment;
    }

    /// <summary>
    /// The Alibaba Cloud credentials file: <c>ALIBABA_CLOUD_CREDENTIALS_FILE</c>, else the first existing of
    /// <c>~/.alibabacloud/credentials</c> and <c>~/.alibabacloud/credentials.ini</c>.
    /// </summary>
    /// <param name="isExplicit">True when the path came from the environment variable.</param>
    /// <returns>The path (possibly not existing), or null when there is no home directory.</returns>
    public string? AlibabaCredentialsPath(out bool isExplicit)
    {
        string? configured = _environment.GetVariable("ALIBABA_CLOUD_CREDENTIALS_FILE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            isExplicit = true;
            return ExpandHome(configured!.Trim());
        }

        isExplicit = false;
        string? home = _environment.HomeDirectory;
        if (home is null)
        {
            return null;
        }

        string plain = Path.Combine(home, ".alibabacloud", "credentials");
        string ini = plain + ".ini";
        return !_environment.FileExists(plain) && _environment.FileExists(ini) ? ini : plain;
    }

    /// <summary>ossutil's config file: <c>OSSUTIL_CONFIG_FILE</c>, else <c>~/.ossutilconfig</c>.</summary>
    /// <param name="isExplicit">True when the path came from the environment variable.</param>
    /// <returns>The path (possibly not existing), or null when there is no home directory.</returns>
    public string? OssutilConfigPath(out bool isExplicit)
    {
        string? configured = _environment.GetVariable("OSSUTIL_CONFIG_FILE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            isExplicit = true;
            return ExpandHome(configured!.Trim());
        }

        isExplicit = false;
        string? home = _environment.HomeDirectory;
        return home is null ? null : Path.Combine(home, ".ossutilconfig");
    }

    /// <summary>Reads and parses a file, or returns null when it does not exist.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The document or null.</returns>
    /// <exception cref="OssConfigurationException">The file exists but cannot be read.</exception>
    public IniDocument? Load(string path)
    {
        string? text;
        try
        {
            text = _environment.TryReadFile(path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new OssConfigurationException("The configuration file '" + path + "' exists but cannot be read: " + ex.Message, OssConfigurationFailure.Invalid, ex);
        }

        return text is null ? null : IniDocument.Parse(text);
    }

    /// <summary>
    /// Reads a profile of the Alibaba Cloud credentials file. Profiles with <c>enable = false</c> count as
    /// absent. Only <c>type = access_key</c> (the default) and <c>type = sts</c> hold usable keys.
    /// </summary>
    /// <param name="document">The parsed file.</param>
    /// <param name="path">Its path, for messages.</param>
    /// <param name="profile">Profile (section) name.</param>
    /// <param name="unsupportedType">Set to the profile's type when it is one OssResumable cannot use.</param>
    /// <returns>The settings, or null when the profile is absent or disabled.</returns>
    public static ProfileSettings? ReadAlibabaProfile(IniDocument document, string path, string profile, out string? unsupportedType)
    {
        unsupportedType = null;
        if (!document.HasSection(profile))
        {
            return null;
        }

        string? enable = document.Get(profile, "enable");
        if (enable is not null && string.Equals(enable, "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string type = document.Get(profile, "type") ?? "access_key";
        string normalizedType = IniDocument.NormalizeKey(type);
        if (normalizedType != "accesskey" && normalizedType != "sts")
        {
            unsupportedType = type;
            return null;
        }

        return new ProfileSettings
        {
            Description = "profile '" + profile + "' of the Alibaba Cloud credentials file '" + path + "'",
            AccessKeyId = document.Get(profile, "access_key_id"),
            AccessKeySecret = document.Get(profile, "access_key_secret"),
            SecurityToken = normalizedType == "sts" ? document.Get(profile, "security_token", "sts_token") : null,
            Region = document.Get(profile, "region_id", "region"),
        };
    }

    /// <summary>
    /// Reads a profile of ossutil's config: for a named profile the section <c>[profile NAME]</c>
    /// (and <c>[default]</c> for "default"); with no name, <c>[default]</c>, then <c>[profile default]</c>,
    /// then ossutil 1.x's <c>[Credentials]</c>. Keys in any spelling (camelCase, kebab-case, snake_case).
    /// </summary>
    /// <param name="document">The parsed file.</param>
    /// <param name="path">Its path, for messages.</param>
    /// <param name="profile">The chosen profile, or null for the default.</param>
    /// <param name="unsupportedMode">Set to the profile's mode when it is one OssResumable cannot use.</param>
    /// <returns>The settings, or null when no matching section exists.</returns>
    public static ProfileSettings? ReadOssutilProfile(IniDocument document, string path, string? profile, out string? unsupportedMode)
    {
        unsupportedMode = null;
        string[] candidates = profile is null || string.Equals(profile, DefaultProfile, StringComparison.OrdinalIgnoreCase)
            ? (profile is null ? new[] { "default", "profile default", "Credentials" } : new[] { "default", "profile default" })
            : new[] { "profile " + profile };
        foreach (string section in candidates)
        {
            if (!document.HasSection(section))
            {
                continue;
            }

            string? mode = document.Get(section, "mode");
            if (mode is not null)
            {
                string normalizedMode = IniDocument.NormalizeKey(mode);
                if (normalizedMode != "ak" && normalizedMode != "ststoken")
                {
                    unsupportedMode = mode;
                    return null;
                }
            }

            return new ProfileSettings
            {
                Description = "section [" + section + "] of the ossutil config file '" + path + "'",
                AccessKeyId = document.Get(section, "accessKeyId", "accessId"),
                AccessKeySecret = document.Get(section, "accessKeySecret"),
                SecurityToken = document.Get(section, "stsToken", "securityToken"),
                Endpoint = document.Get(section, "endpoint"),
                Region = document.Get(section, "region"),
            };
        }

        return null;
    }

    private string ExpandHome(string path)
    {
        string? home = _environment.HomeDirectory;
        if (home is not null && (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal)))
        {
            return Path.Combine(home, path.Length > 2 ? path.Substring(2) : string.Empty);
        }

        return path;
    }
}
