using System;
using System.IO;

namespace OssResumable.Emulator.Tests.TestSupport;

/// <summary>
/// A read-only, forward-only stream over some bytes that computes their CRC-64 as they are read,
/// the way Alibaba's .NET SDK wraps every part (its Crc64Stream): the stream cannot seek and has
/// no length, so HttpClient sends it with <c>Transfer-Encoding: chunked</c> and no Content-Length.
/// </summary>
public sealed class Crc64ReadStream : Stream
{
    private readonly byte[] _data;
    private int _position;

    public Crc64ReadStream(byte[] data)
    {
        _data = data;
    }

    /// <summary>The CRC-64 of the bytes read so far (the whole data once the stream is drained).</summary>
    public ulong Crc64 { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Odd-sized reads, so the chunk boundaries fall anywhere.
        int n = Math.Min(Math.Min(buffer.Length, 7919), _data.Length - _position);
        _data.AsSpan(_position, n).CopyTo(buffer);
        Crc64 = Core.Hashing.Crc64.Append(Crc64, buffer[..n]);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
