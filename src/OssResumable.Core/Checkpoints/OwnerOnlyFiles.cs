using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Security.AccessControl;
using System.Security.Principal;
#endif

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// Creates directories and files that only the current user can read: mode 0700/0600 on Unix; on
/// Windows (net8.0) a protected ACL granting only the current user, on the topmost directory this code
/// creates. On netstandard2.0 under Windows, ACLs cannot be set without an extra package, so files
/// inherit the directory's ACL (the default per-user directory is already private to the user).
/// </summary>
internal static class OwnerOnlyFiles
{
    public const int DirectoryMode = 0x1C0; // 0700
    public const int FileMode = 0x180;      // 0600

    public static bool IsWindows { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>Creates the directory and any missing parents, each new one owner-only.</summary>
    public static void CreateDirectory(string path)
    {
        var missing = new Stack<string>();
        string? current = Path.GetFullPath(path);
        while (!string.IsNullOrEmpty(current) && !Directory.Exists(current))
        {
            missing.Push(current!);
            current = Path.GetDirectoryName(current);
        }

        bool first = true;
        while (missing.Count > 0)
        {
            string directory = missing.Pop();
            if (IsWindows && first)
            {
                // Everything below inherits from the topmost directory we create.
                CreateWindowsDirectoryForCurrentUserOnly(directory);
            }
            else
            {
                Directory.CreateDirectory(directory);
                if (!IsWindows)
                {
                    SetUnixMode(directory, DirectoryMode);
                }
            }

            first = false;
        }
    }

    /// <summary>Creates a new file (fails if it exists) that only the owner can read and write.</summary>
    public static FileStream CreateNewFile(string path)
    {
#if NET8_0_OR_GREATER
        if (!OperatingSystem.IsWindows())
        {
            // Created with 0600 by open(2) itself: there is no moment when the file is readable by others.
            return new FileStream(path, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
#endif
        var stream = new FileStream(path, System.IO.FileMode.CreateNew, FileAccess.Write, FileShare.None);
        if (!IsWindows)
        {
            try
            {
                // Empty for this instant, inside an owner-only directory.
                SetUnixMode(path, FileMode);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        return stream;
    }

    /// <summary>
    /// Opens (or creates, owner-only) a lock file with no sharing at all. On Windows the file is deleted
    /// when the handle closes; on Unix the caller deletes it before closing.
    /// </summary>
    public static FileStream OpenExclusive(string path)
    {
#if NET8_0_OR_GREATER
        if (!OperatingSystem.IsWindows())
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = System.IO.FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
#endif
        // Windows: delete-on-close is a property of our handle only, so a failed attempt by someone else
        // can never remove the holder's file. Unix emulates it by unlinking the path when a handle
        // closes, which must not happen for a failed attempt: there the holder unlinks explicitly.
        var stream = new FileStream(path, System.IO.FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, IsWindows ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!IsWindows)
        {
            try
            {
                SetUnixMode(path, FileMode);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        return stream;
    }

    /// <summary>Sets a Unix permission mode (no-op on Windows).</summary>
    public static void SetUnixMode(string path, int mode)
    {
#if NET8_0_OR_GREATER
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)mode);
        }
#else
        if (!IsWindows)
        {
            ChmodViaLibc(path, mode);
        }
#endif
    }

    /// <summary>Reads a Unix permission mode (-1 on Windows or where it cannot be read).</summary>
    public static int GetUnixMode(string path)
    {
#if NET8_0_OR_GREATER
        return OperatingSystem.IsWindows() ? -1 : (int)File.GetUnixFileMode(path);
#else
        return -1;
#endif
    }

    /// <summary>chmod(2) through libc: the netstandard2.0 way; compiled everywhere so tests can exercise it.</summary>
    public static void ChmodViaLibc(string path, int mode)
    {
        if (NativeMethods.chmod(path, (uint)mode) != 0)
        {
            int errno = Marshal.GetLastWin32Error();
            string why = errno switch
            {
                1 => "operation not permitted: the path belongs to another user",
                2 => "no such file or directory",
                13 => "permission denied",
                _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            throw new UnauthorizedAccessException("Cannot restrict the permissions of '" + path + "': " + why + ".");
        }
    }

    private static void CreateWindowsDirectoryForCurrentUserOnly(string directory)
    {
#if NET8_0_OR_GREATER
        SecurityIdentifier? user = OperatingSystem.IsWindows() ? WindowsIdentity.GetCurrent().User : null;
        if (OperatingSystem.IsWindows() && user is not null)
        {
            var security = new DirectorySecurity();
            security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
            security.AddAccessRule(new FileSystemAccessRule(
                user,
                FileSystemRights.FullControl,
                InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit,
                PropagationFlags.None,
                AccessControlType.Allow));

            // Created with its ACL in one call: it is never accessible to others, even briefly.
            new DirectoryInfo(directory).Create(security);
            return;
        }
#endif
        Directory.CreateDirectory(directory);
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // LibraryImport needs source generation, unavailable on netstandard2.0.
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable IDE1006, CA1401 // Named after the C function.
        internal static extern int chmod(string path, uint mode);
#pragma warning restore IDE1006, CA1401
#pragma warning restore SYSLIB1054
    }
}
