using System;
using System.IO;

namespace OssResumable.Core.Checkpoints;

/// <summary>The exclusive lock of one upload; disposing it releases the lock and deletes the lock file.</summary>
internal sealed class CheckpointLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly Action _onRelease;
    private bool _released;

    public CheckpointLock(string path, FileStream stream, Action onRelease)
    {
        Path = path;
        _stream = stream;
        _onRelease = onRelease;
    }

    public string Path { get; }

    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;

        // Remove the file while still holding it, then the OS lock goes with the handle. (On Windows the
        // handle was opened delete-on-close: the file cannot be deleted by path while we hold it.)
        if (!OwnerOnlyFiles.IsWindows)
        {
            AtomicFile.TryDelete(Path);
        }

        _stream.Dispose();
        _onRelease();
    }
}
