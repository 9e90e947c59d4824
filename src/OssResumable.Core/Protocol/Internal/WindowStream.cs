using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// Read-only view of the next <c>length</c> bytes of an inner stream; never reads past them. Owns
/// the inner stream.
/// </summary>
internal sealed class WindowStream : Stream
{
    private readonly Stream _inner;
    private readonly long _length;
    private long _position;

    public WindowStream(Stream inner, long length)
    {
        _inner = inner;
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int allowed = Allowed(count);
        if (allowed == 0)
        {
            return 0;
        }

        int read = _inner.Read(buffer, offset, allowed);
        _position += read;
        return read;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        int allowed = Allowed(count);
        if (allowed == 0)
        {
            return 0;
        }

        int read = await _inner.ReadAsync(buffer, offset, allowed, cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Allowed(int count) => (int)Math.Min(count, _length - _position);
}
