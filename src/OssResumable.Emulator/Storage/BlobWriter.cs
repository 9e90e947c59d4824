using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Emulator.Http;

namespace OssResumable.Emulator.Storage;

/// <summary>
/// Streams a request body into a new blob file while computing MD5 and CRC-64. Nothing is held in
/// memory beyond two 1 MiB buffers: one is hashed and filled while the other is being written.
/// On any failure the partial file is deleted. <c>bodyRead</c> is told about every chunk as it
/// is taken from the network, so body statistics include bodies that are cut short. Sized and
/// chunked bodies take the same path (Kestrel decodes the chunks); <c>maxLength</c> is checked
/// as the bytes arrive, which is what bounds a chunked body.
/// </summary>
internal static class BlobWriter
{
    private const int BufferSize = 1 << 20;

    public static async Task<BlobWriteResult> WriteAsync(PipeReader body, string path, long maxLength, long bytesPerSecond, Action<long> bodyRead, CancellationToken cancellationToken)
    {
        byte[] current = ArrayPool<byte>.Shared.Rent(BufferSize);
        byte[] spare = ArrayPool<byte>.Shared.Rent(BufferSize);
        Task pendingWrite = Task.CompletedTask;
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        ulong crc = 0;
        long total = 0;
        int filled = 0;
        RateLimiter? limiter = bytesPerSecond > 0 ? new RateLimiter(bytesPerSecond) : null;
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        });
        try
        {
            while (true)
            {
                ReadResult result = await body.ReadAsync(cancellationToken);
                ReadOnlySequence<byte> buffer = result.Buffer;
                if (limiter is not null && buffer.Length > limiter.ChunkSize)
                {
                    buffer = buffer.Slice(0, limiter.ChunkSize);
                }

                long taken = buffer.Length;
                total += taken;
                bodyRead(taken);
                if (total > maxLength)
                {
                    // Only a chunked body gets here (a declared length over the limit is refused
                    // before reading, and Kestrel ends a sized body at its length); nothing of it
                    // is stored: the partial blob is deleted below.
                    throw OssErrors.EntityTooLarge(total, maxLength, whileReading: true);
                }

                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    ReadOnlyMemory<byte> remaining = segment;
                    while (!remaining.IsEmpty)
                    {
                        int n = Math.Min(remaining.Length, BufferSize - filled);
                        remaining.Span[..n].CopyTo(current.AsSpan(filled));
                        filled += n;
                        remaining = remaining[n..];
                        if (filled == BufferSize)
                        {
                            crc = Hash(md5, crc, current, filled);
                            await pendingWrite;
                            pendingWrite = file.WriteAsync(current.AsMemory(0, filled), cancellationToken).AsTask();
                            (current, spare) = (spare, current);
                            filled = 0;
                        }
                    }
                }

                body.AdvanceTo(buffer.End);
                if (limiter is not null)
                {
                    await limiter.WaitAsync(taken, cancellationToken);
                }

                if (result.IsCompleted && taken == result.Buffer.Length)
                {
                    break;
                }
            }

            crc = Hash(md5, crc, current, filled);
            await pendingWrite;
            if (filled > 0)
            {
                await file.WriteAsync(current.AsMemory(0, filled), cancellationToken);
            }

            await file.DisposeAsync();
            return new BlobWriteResult(total, md5.GetHashAndReset(), crc);
        }
        catch
        {
            try
            {
                await pendingWrite;
            }
            catch (IOException)
            {
                // The original failure is what matters.
            }
            catch (OperationCanceledException)
            {
                // Same.
            }

            await file.DisposeAsync();
            StoreFiles.TryDelete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(spare);
        }
    }

    private static ulong Hash(IncrementalHash md5, ulong crc, byte[] buffer, int count)
    {
        ReadOnlySpan<byte> span = buffer.AsSpan(0, count);
        md5.AppendData(span);
        return Crc64.Append(crc, span);
    }
}
