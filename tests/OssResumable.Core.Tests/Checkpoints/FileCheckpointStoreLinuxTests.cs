using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.Versioning;
using OssResumable.Core.Checkpoints;

namespace OssResumable.Core.Tests.Checkpoints;

/// <summary>File modes and cross-process locking, checked with the real Linux mechanisms.</summary>
[SupportedOSPlatform("linux")]
public class FileCheckpointStoreLinuxTests
{
    [LinuxFact]
    public void AcquireLock_HeldByAnotherProcess_Locked()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        CheckpointIdentity identity = TestCheckpoints.Create().Identity;
        string lockPath = store.GetLockPath(identity);

        // flock(1) takes the same kind of lock .NET uses for FileShare.None on Linux; -o keeps the lock
        // in the flock process alone (not in sleep), so killing it releases the lock at once.
        using Process holder = StartProcess("flock", "-n", "-o", lockPath, "-c", "echo held; exec sleep 60");
        try
        {
            Assert.Equal("held", holder.StandardOutput.ReadLine());

            var ex = Assert.Throws<CheckpointException>(() => store.AcquireLock(identity));

            Assert.Equal(CheckpointFailureReason.Locked, ex.Reason);
            Assert.Contains("another process holds its lock", ex.Message, StringComparison.Ordinal);

            // A failed attempt must not remove the holder's lock file, or a third process could lock a new one.
            Assert.True(File.Exists(lockPath));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        using IDisposable afterwards = store.AcquireLock(identity);
    }

    [LinuxFact]
    public void AcquireLock_HeldHere_AnotherProcessCannotLock()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        CheckpointIdentity identity = TestCheckpoints.Create().Identity;
        string lockPath = store.GetLockPath(identity);

        using (store.AcquireLock(identity))
        {
            Assert.Equal(1, RunToExit("flock", "-n", lockPath, "true"));
        }

        Assert.Equal(0, RunToExit("flock", "-n", lockPath, "true"));
    }

    [LinuxFact]
    public void Save_NewNestedDirectory_DirectoriesOwnerOnlyAndFileOwnerOnly()
    {
        using var temp = new TempDirectory();
        string directory = temp.Combine("a", "b", "checkpoints");
        var store = new FileCheckpointStore(directory);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();

        store.Save(checkpoint);

        Assert.Equal(Convert.ToInt32("700", 8), Mode(temp.Combine("a")));
        Assert.Equal(Convert.ToInt32("700", 8), Mode(temp.Combine("a", "b")));
        Assert.Equal(Convert.ToInt32("700", 8), Mode(directory));
        Assert.Equal(Convert.ToInt32("600", 8), Mode(store.GetCheckpointPath(checkpoint.Identity)));
    }

    [LinuxFact]
    public void Save_TemporaryFileWhileWriting_AlreadyOwnerOnly()
    {
        using var temp = new TempDirectory();
        int modeWhileWriting = -1;
        var store = new FileCheckpointStore(temp.Path)
        {
            TempStreamWrapper = inner =>
            {
                modeWhileWriting = Mode(((FileStream)inner).Name);
                return inner;
            },
        };

        store.Save(TestCheckpoints.Create());

        Assert.Equal(Convert.ToInt32("600", 8), modeWhileWriting);
    }

    [LinuxFact]
    public void Save_ExistingExplicitDirectory_ModeLeftAlone()
    {
        using var temp = new TempDirectory();
        string directory = temp.Combine("shared");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)Convert.ToInt32("755", 8));
        var store = new FileCheckpointStore(directory);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();

        store.Save(checkpoint);

        Assert.Equal(Convert.ToInt32("755", 8), Mode(directory));
        Assert.Equal(Convert.ToInt32("600", 8), Mode(store.GetCheckpointPath(checkpoint.Identity)));
    }

    [LinuxFact]
    public void Save_DefaultDirectoryWithLooseModes_TightenedToOwnerOnly()
    {
        using var temp = new TempDirectory();
        string parent = temp.Combine("ossresumable");
        string directory = Path.Combine(parent, "checkpoints");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(parent, (UnixFileMode)Convert.ToInt32("777", 8));
        File.SetUnixFileMode(directory, (UnixFileMode)Convert.ToInt32("777", 8));

        new FileCheckpointStore(directory, isDefaultDirectory: true).Save(TestCheckpoints.Create());

        Assert.Equal(Convert.ToInt32("700", 8), Mode(parent));
        Assert.Equal(Convert.ToInt32("700", 8), Mode(directory));
    }

    [LinuxFact]
    public void Save_DefaultDirectoryIsSymbolicLink_Refused()
    {
        using var temp = new TempDirectory();
        string target = temp.Combine("elsewhere");
        Directory.CreateDirectory(target);
        string parent = temp.Combine("ossresumable");
        Directory.CreateDirectory(parent);
        string directory = Path.Combine(parent, "checkpoints");
        Directory.CreateSymbolicLink(directory, target);

        var ex = Assert.Throws<CheckpointException>(() => new FileCheckpointStore(directory, isDefaultDirectory: true).Save(TestCheckpoints.Create()));

        Assert.Equal(CheckpointFailureReason.WriteFailed, ex.Reason);
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(target));
    }

    [LinuxFact]
    public void AcquireLock_LockFile_OwnerOnly()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        CheckpointIdentity identity = TestCheckpoints.Create().Identity;

        using (store.AcquireLock(identity))
        {
            Assert.Equal(Convert.ToInt32("600", 8), Mode(store.GetLockPath(identity)));
        }
    }

    [LinuxFact]
    public void ChmodViaLibc_ExistingFile_SetsMode()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("x", new byte[1]);

        OwnerOnlyFiles.ChmodViaLibc(path, Convert.ToInt32("640", 8));

        Assert.Equal(Convert.ToInt32("640", 8), Mode(path));
    }

    [LinuxFact]
    public void ChmodViaLibc_MissingFile_UnauthorizedAccessExplained()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<UnauthorizedAccessException>(() => OwnerOnlyFiles.ChmodViaLibc(temp.Combine("missing"), Convert.ToInt32("600", 8)));

        Assert.Contains("no such file", ex.Message, StringComparison.Ordinal);
    }

    private static int Mode(string path) => (int)File.GetUnixFileMode(path);

    private static Process StartProcess(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException(file + " did not start.");
    }

    private static int RunToExit(string file, params string[] arguments)
    {
        using Process process = StartProcess(file, arguments);
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
