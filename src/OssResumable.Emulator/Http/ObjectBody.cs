using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Emulator.Storage;

namespace OssResumable.Emulator.Http;

/// <summary>
/// A byte range of an object to send, holding a read lease on that object version so an overwrite
/// or delete cannot remove its blob files mid-stream.
/// </summary>
internal sealed class ObjectBody : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly BucketState _bucket;
    private ObjectRecord? _record;

    public ObjectBody(BucketState bucket, ObjectRecord leasedRecord, long offset, long length)
    {
        _bucket = bucket;
        _record = leasedRecord;
        Offset = offset;
        Length = length;
    }

    public long Offset { get; }

    public long Length { get; }

    /// <summary>Streams the range; returns the bytes written.</summary>
    public async Task<long> WriteToAsync(Stream output, long bytesPerSecond, CancellationToken cancellationToken)
    {
        ObjectRecord record = _record ?? throw new ObjectDisposedException(nameof(ObjectBody));
        RateLimiter? limiter = bytesPerSecond > 0 ? new RateLimiter(bytesPerSecond) : null;
        int chunk = limiter?.ChunkSize ?? BufferSize;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(chunk);
        long written = 0;
        try
        {
            long segmentStart = 0;
            foreach (SegmentDocument segment in record.Document.Segments)
            {
                long segmentEnd = segmentStart + segment.Length;
                long from = Math.Max(Offset, segmentStart);
                long to = Math.Min(Offset + Length, segmentEnd);
                if (from < to)
                {
                    await using var file = new FileStream(_bucket.BlobPath(segment.Blob), new FileStreamOptions
                    {
                        Mode = FileMode.Open,
                        Access = FileAccess.Read,
                        Share = FileShare.ReadWrite | FileShare.Delete,
                        BufferSize = 0,
                        Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                    });
                    file.Position = from - segmentStart;
                    long remaining = to - from;
                    while (remaining > 0)
                    {
                        int read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(chunk, remaining)), cancellationToken);
                        if (read == 0)
                        {
                            throw new IOException("Blob " + segment.Blob + " is shorter than its metadata says.");
                        }

                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        remaining -= read;
                        written += read;
                        if (limiter is not null)
                        {
                            await output.FlushAsync(cancellationToken);
                            await limiter.WaitAsync(read, cancellationToken);
                        }
                    }
                }

                segmentStart = segmentEnd;
                if (segmentStart >= Offset + Length)
                {
                    break;
                }
            }

            return written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        ObjectRecord? record = Interlocked.Exchange(ref _record, null);
        record?.Release();
    }
}
