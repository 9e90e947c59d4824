using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Files;

/// <summary>
/// A read-only, seekable view of the bytes [offset, offset + length) of a file or another seekable
/// stream. It can never read outside its window, so one part's request body is exactly that part,
/// streamed from disk with no copy of the part in memory. Seeking back to 0 lets an HTTP retry resend it.
/// </summary>
/// <remarks>
/// If the underlying file ends before the window does (it was truncated after the upload was
/// planned) reads throw <see cref="SourceChangedException"/> rather than returning a short body.
/// </remarks>
internal sealed class FileWindowStream : Stream
{
    private const int FileBufferSize = 4096;

    // .NET has no asynchronous file reads outside Windows: FileStream.ReadAsync queues a blocking
    // pread to the thread pool and resumes the caller from there, one thread hop (a work item, a
    // wake-up, a continuation) per 128 KiB read, about 8,200 per GiB. Reading inline on the caller's
    // pool thread does the same pread without the hop. On Windows the file is opened for overlapped
    // I/O and ReadAsync is truly asynchronous, so it stays.
    private static readonly bool ReadFilesInline = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly bool _readInline;
    private readonly string _description;
    private long _position;
    private bool _disposed;

    /// <summary>Creates a window over a seekable stream.</summary>
    /// <param name="inner">A readable, seekable stream.</param>
    /// <param name="offset">Offset of the window's first byte in <paramref name="inner"/>.</param>
    /// <param name="length">Number of bytes in the window.</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="inner"/> open when this stream is disposed.</param>
    /// <exception cref="ArgumentException"><paramref name="inner"/> cannot read or seek.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> or <paramref name="length"/> is negative.</exception>
    /// <exception cref="SourceChangedException"><paramref name="inner"/> ends before the window does.</exception>
    public FileWindowStream(Stream inner, long offset, long length, bool leaveOpen)
        : this(inner, offset, length, leaveOpen, "the source stream")
    {
    }

    private FileWindowStream(Stream inner, long offset, long length, bool leaveOpen, string description, bool readInline = false)
    {
        if (inner is null)
        {
            throw new ArgumentNullException(nameof(inner));
        }

        if (!inner.CanRead || !inner.CanSeek)
        {
            throw new ArgumentException("The stream must be readable and seekable.", nameof(inner));
        }

        if (offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset cannot be negative.");
        }

        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The length cannot be negative.");
        }

        _description = description;
        if (inner.Length < offset + length)
        {
            throw new SourceChangedException(string.Format(
                CultureInfo.InvariantCulture,
                "{0} is now {1} bytes long, too short for bytes {2}-{3}: it was truncated after the upload was planned.",
                Capitalize(description),
                inner.Length,
                offset,
                offset + length - 1));
        }

        _inner = inner;
        WindowOffset = offset;
        WindowLength = length;
        _leaveOpen = leaveOpen;
        _readInline = readInline;
    }

    /// <summary>Opens a window on a file for reading. Other processes may read the file but not write it meanwhile.</summary>
    /// <param name="path">The file.</param>
    /// <param name="offset">Offset of the window's first byte.</param>
    /// <param name="length">Number of bytes in the window.</param>
    /// <returns>The stream; dispose it to close the file.</returns>
    /// <exception cref="SourceChangedException">The file is shorter than the window's end.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static FileWindowStream Open(string path, long offset, long length)
    {
        // Others may keep the file open, even for writing (a log being rotated, a VM image
        // still attached): sharing is allowed, and changes are caught by the source snapshot and
        // the length check below instead of by a sharing violation.
        var file = new FileStream(
            path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete,
            FileBufferSize,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            return new FileWindowStream(file, offset, length, leaveOpen: false, "the source file '" + path + "'", ReadFilesInline);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Offset of the window's first byte in the underlying file.</summary>
    public long WindowOffset { get; }

    /// <summary>Number of bytes in the window.</summary>
    public long WindowLength { get; }

    /// <summary>
    /// True when <see cref="ReadAsync(byte[], int, int, CancellationToken)"/> reads the file on the calling
    /// thread (a file opened by <see cref="Open"/> outside Windows, where .NET would only move the same
    /// blocking read to another pool thread).
    /// </summary>
    public bool ReadsInline => _readInline;

    /// <inheritdoc/>
    public override bool CanRead => !_disposed;

    /// <inheritdoc/>
    public override bool CanSeek => !_disposed;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length
    {
        get
        {
            ThrowIfDisposed();
            return WindowLength;
        }
    }

    /// <inheritdoc/>
    public override long Position
    {
        get
        {
            ThrowIfDisposed();
            return _position;
        }

        set => Seek(value, SeekOrigin.Begin);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBuffer(buffer, offset, count);
        int toRead = PrepareRead(count);
        if (toRead == 0)
        {
            return 0;
        }

        int read = _inner.Read(buffer, offset, toRead);
        return CompleteRead(read);
    }

    /// <inheritdoc/>
    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBuffer(buffer, offset, count);
        int toRead = PrepareRead(count);
        if (toRead == 0)
        {
            return 0;
        }

        if (_readInline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return CompleteRead(_inner.Read(buffer, offset, toRead));
        }

        int read = await _inner.ReadAsync(buffer, offset, toRead, cancellationToken).ConfigureAwait(false);
        return CompleteRead(read);
    }

#if NET8_0_OR_GREATER
    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        int toRead = PrepareRead(buffer.Length);
        if (toRead == 0)
        {
            return 0;
        }

        int read = _inner.Read(buffer.Slice(0, toRead));
        return CompleteRead(read);
    }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int toRead = PrepareRead(buffer.Length);
        if (toRead == 0)
        {
            return 0;
        }

        if (_readInline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return CompleteRead(_inner.Read(buffer.Span.Slice(0, toRead)));
        }

        int read = await _inner.ReadAsync(buffer.Slice(0, toRead), cancellationToken).ConfigureAwait(false);
        return CompleteRead(read);
    }
#endif

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin)
    {
        ThrowIfDisposed();
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => WindowLength + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown seek origin."),
        };

        if (target < 0 || target > WindowLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(offset),
                target,
                string.Format(CultureInfo.InvariantCulture, "The position must stay within the window (0 to {0}).", WindowLength));
        }

        _position = target;
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

    private static void ValidateBuffer(byte[] buffer, int offset, int count)
    {
        if (buffer is null)
        {
            throw new ArgumentNullException(nameof(buffer));
        }

        if (offset < 0 || count < 0 || offset > buffer.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "Offset and count must describe a range within the buffer.");
        }
    }

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    // Clamps the request to the window and positions the inner stream; returns 0 at the window's end.
    private int PrepareRead(int count)
    {
        ThrowIfDisposed();
        long remaining = WindowLength - _position;
        if (remaining <= 0 || count == 0)
        {
            return 0;
        }

        long absolute = WindowOffset + _position;
        if (_inner.Position != absolute)
        {
            _inner.Position = absolute;
        }

        return (int)Math.Min(count, remaining);
    }

    private int CompleteRead(int read)
    {
        if (read == 0)
        {
            throw new SourceChangedException(string.Format(
                CultureInfo.InvariantCulture,
                "{0} ended at byte {1}, before the end of the part being read (byte {2}): it was truncated during the upload.",
                Capitalize(_description),
                WindowOffset + _position,
                WindowOffset + WindowLength - 1));
        }

        _position += read;
        return read;
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(FileWindowStream));
        }
    }
}
