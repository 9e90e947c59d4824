using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Emulator.Storage;

/// <summary>Paces a byte stream to a target rate (throttle fault).</summary>
internal sealed class RateLimiter
{
    private readonly long _bytesPerSecond;
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _bytes;

    public RateLimiter(long bytesPerSecond)
    {
        _bytesPerSecond = bytesPerSecond;
        ChunkSize = (int)Math.Clamp(bytesPerSecond / 20, 1, 64 * 1024);
    }

    /// <summary>How many bytes to move between waits (about 50 ms worth).</summary>
    public int ChunkSize { get; }

    public async Task WaitAsync(long bytes, CancellationToken cancellationToken)
    {
        _bytes += bytes;
        TimeSpan due = TimeSpan.FromSeconds((double)_bytes / _bytesPerSecond);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(_start);
        if (due > elapsed)
        {
            await Task.Delay(due - elapsed, cancellationToken);
        }
    }
}
