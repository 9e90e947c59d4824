using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// Passes a download through while computing its CRC-64; at the end of the stream checks the
/// length and the CRC against what OSS reported and throws on a mismatch.
/// </summary>
internal sealed class Crc64VerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly long _expectedLength;
    private readonly ulong _expectedCrc;
    private readonly OssOperation _context;
    private readonly string? _requestId;
    private ulong _crc;
    private long _received;
    private bool _verified;

    public Crc64VerifyingStream(Stream inner, long expectedLength, ulong expectedCrc, OssOperation context, string? requestId)
    {
        _inner = inner;
        _expectedLength = expectedLength;
        _expectedCrc = expectedCrc;
        _context = context;
        _requestId = requestId;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _expectedLength;

    public override long Position
    {
        get => _received;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Account(buffer, offset, _inner.Read(buffer, offset, count), count);

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Account(buffer, offset, await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false), count);

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

    private int Account(byte[] buffer, int offset, int read, int requested)
    {
        if (read > 0)
        {
            _crc = Hashing.Crc64.Append(_crc, new ReadOnlySpan<byte>(buffer, offset, read));
            _received += read;
        }
        else if (requested > 0 && !_verified)
        {
            _verified = true;
            if (_received != _expectedLength)
            {
                throw new IOException(
                    "The download of " + _context.Describe() + " ended after " + _received + " of " + _expectedLength + " bytes.");
            }

            if (_crc != _expectedCrc)
            {
                throw new OssChecksumMismatchException(_context.Name, _context.Bucket ?? string.Empty, _context.Key ?? string.Empty, null, _crc, _expectedCrc, _requestId);
            }
        }

        return read;
    }
}
