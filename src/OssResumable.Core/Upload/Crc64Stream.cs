using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Upload;

/// <summary>
/// A read-only pass-through stream that computes the CRC-64/XZ (OSS's <c>x-oss-hash-crc64ecma</c>) of
/// the bytes read through it, so a part is hashed while it is sent, without a second read of the file.
/// </summary>
/// <remarks>
/// The CRC covers the bytes from position 0 up to <see cref="HashedLength"/>, each counted once: when an
/// HTTP retry seeks back and reads again, bytes already hashed are not hashed twice. A read that starts
/// beyond <see cref="HashedLength"/> (after seeking forward) leaves a gap, and hashing stops; compare
/// <see cref="HashedLength"/> with the expected length before trusting <see cref="Crc64"/>.
/// </remarks>
public sealed class Crc64Stream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private long _position;
    private long _hashedLength;
    private ulong _crc;
    private bool _gap;
    private bool _disposed;

    /// <summary>Wraps a readable stream.</summary>
    /// <param name="inner">The stream to read from, positioned at its start.</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="inner"/> open when this stream is disposed.</param>
    /// <exception cref="ArgumentException"><paramref name="inner"/> cannot read.</exception>
    public Crc64Stream(Stream inner, bool leaveOpen)
    {
        if (inner is null)
        {
            throw new ArgumentNullException(nameof(inner));
        }

        if (!inner.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(inner));
        }

        _inner = inner;
        _leaveOpen = leaveOpen;
        _position = inner.CanSeek ? inner.Position : 0;
    }

    /// <summary>The CRC-64/XZ of the first <see cref="HashedLength"/> bytes of the stream.</summary>
    public ulong Crc64 => _crc;

    /// <summary>How many bytes, from position 0, the CRC covers.</summary>
    public long HashedLength => _hashedLength;

    /// <inheritdoc/>
    public override bool CanRead => !_disposed;

    /// <inheritdoc/>
    public override bool CanSeek => !_disposed && _inner.CanSeek;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => _inner.Length;

    /// <inheritdoc/>
    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ThrowIfDisposed();
        int read = _inner.Read(buffer, offset, count);
        Hash(buffer.AsSpan(offset, read));
        return read;
    }

    /// <inheritdoc/>
    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        int read = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        Hash(buffer.AsSpan(offset, read));
        return read;
    }

#if NET8_0_OR_GREATER
    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        ThrowIfDisposed();
        int read = _inner.Read(buffer);
        Hash(buffer.Slice(0, read));
        return read;
    }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        int read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Hash(buffer.Span.Slice(0, read));
        return read;
    }
#endif

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin)
    {
        ThrowIfDisposed();
        _position = _inner.Seek(offset, origin);
        return _position;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <summary>Not supported: the stream is read-only.</summary>
    /// <param name="value">Ignored.</param>
    public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    /// <summary>Not supported: the stream is read-only.</summary>
    /// <param name="buffer">Ignored.</param>
    /// <param name="offset">Ignored.</param>
    /// <param name="count">Ignored.</param>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed && !_leaveOpen)
        {
            _inner.Dispose();
        }

        _disposed = true;
        base.Dispose(disposing);
    }

    // The bytes just read occupy [start, start + data.Length); hash only the part past _hashedLength.
    private void Hash(ReadOnlySpan<byte> data)
    {
        long start = _position;
        _position += data.Length;
        if (_gap || data.Length == 0)
        {
            return;
        }

        if (start > _hashedLength)
        {
            _gap = true;
            return;
        }

        long alreadyHashed = _hashedLength - start;
        if (alreadyHashed < data.Length)
        {
            ReadOnlySpan<byte> fresh = data.Slice((int)alreadyHashed);
            _crc = Hashing.Crc64.Append(_crc, fresh);
            _hashedLength += fresh.Length;
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(Crc64Stream));
        }
    }
}
