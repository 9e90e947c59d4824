using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// Where checkpoints live by default: a per-user state directory, never the working directory (a
/// scheduled task or service has an arbitrary one, often unwritable). See docs/checkpoint-format.md.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Windows: <c>%LOCALAPPDATA%\OssResumable\checkpoints</c>; accounts without a local application
/// data folder use <c>%ProgramData%\OssResumable\checkpoints\&lt;user&gt;</c>.</item>
/// <item>Unix: <c>$XDG_STATE_HOME/ossresumable/checkpoints</c>, else <c>~/.local/state/ossresumable/checkpoints</c>;
/// accounts without an existing home directory use <c>/var/tmp/ossresumable-&lt;user&gt;/checkpoints</c>
/// (persistent across reboots, unlike /tmp).</item>
/// </list>
/// </remarks>
public static class CheckpointDirectory
{
    /// <summary>Returns the default checkpoint directory for the current user.</summary>
    /// <returns>An absolute path (it may not exist yet).</returns>
    public static string GetDefault() => Resolve(
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows),
        Environment.GetEnvironmentVariable,
        folder => Environment.GetFolderPath(folder),
        Directory.Exists,
        Environment.UserName);

    /// <summary>The resolution rules with every input injectable, so each branch can be tested on any OS.</summary>
    internal static string Resolve(
        bool isWindows,
        Func<string, string?> getEnvironmentVariable,
        Func<Environment.SpecialFolder, string> getFolderPath,
        Func<string, bool> directoryExists,
        string userName)
    {
        if (isWindows)
        {
            string local = getFolderPath(Environment.SpecialFolder.LocalApplicationData);
            if (IsUsableRoot(local))
            {
                return Path.Combine(local, "OssResumable", "checkpoints");
            }

            string common = getFolderPath(Environment.SpecialFolder.CommonApplicationData);
            if (!IsUsableRoot(common))
            {
                common = @"C:\ProgramData";
            }

            return Path.Combine(common, "OssResumable", "checkpoints", SafeUserName(userName));
        }

        // XDG base directory spec: a relative value is invalid and must be ignored.
        string? stateHome = getEnvironmentVariable("XDG_STATE_HOME");
        if (IsUsableRoot(stateHome))
        {
            return Path.Combine(stateHome!, "ossresumable", "checkpoints");
        }

        // System accounts often have HOME=/nonexistent or "/"; only a real, existing home is used.
        string? home = getEnvironmentVariable("HOME");
        if (!IsUsableRoot(home) || !directoryExists(home!) || home == "/")
        {
            home = getFolderPath(Environment.SpecialFolder.UserProfile);
        }

        if (IsUsableRoot(home) && directoryExists(home!) && home != "/")
        {
            return Path.Combine(home!, ".local", "state", "ossresumable", "checkpoints");
        }

        return Path.Combine("/var/tmp", "ossresumable-" + SafeUserName(userName), "checkpoints");
    }

    private static bool IsUsableRoot(string? path) => !string.IsNullOrEmpty(path) && Path.IsPathRooted(path);

    private static string SafeUserName(string userName)
    {
        var builder = new StringBuilder();
        foreach (char c in userName ?? string.Empty)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }

        string safe = builder.ToString().Trim('.');
        return safe.Length == 0 ? "user" : safe;
    }
}
