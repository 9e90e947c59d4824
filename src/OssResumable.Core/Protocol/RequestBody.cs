using System;
using System.IO;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Protocol;

/// <summary>
/// The bytes of an upload, re-readable from the start for every attempt so that a retry sends
/// exactly the same bytes without the client ever holding a whole part in memory.
/// </summary>
public abstract class RequestBody
{
    /// <summary>Number of bytes the body yields. Sent as Content-Length.</summary>
    public abstract long Length { get; }

    /// <summary>An empty body.</summary>
    public static RequestBody Empty { get; } = new MemoryRequestBody(ReadOnlyMemory<byte>.Empty);

    /// <summary>
    /// A window of <paramref name="length"/> bytes of a file starting at <paramref name="offset"/>.
    /// The file is opened read-only (sharing read, write and delete) for each attempt and never read
    /// beyond the window. If the file has become shorter, reading fails with an <see cref="IOException"/>.
    /// </summary>
    /// <param name="path">File path.</param>
    /// <param name="offset">First byte of the window.</param>
    /// <param name="length">Number of bytes in the window.</param>
    /// <returns>The body.</returns>
    public static RequestBody FromFile(string path, long offset, long length)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        if (offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset cannot be negative.");
        }

        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The length cannot be negative.");
        }

        return new FileWindowRequestBody(path, offset, length);
    }

    /// <summary>A body over bytes already in memory (not copied; do not change them while requests run).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The body.</returns>
    public static RequestBody FromBytes(ReadOnlyMemory<byte> bytes) => new MemoryRequestBody(bytes);

    /// <summary>A body over a byte array (not copied; do not change it while requests run).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The body.</returns>
    public static RequestBody FromBytes(byte[] bytes) =>
        new MemoryRequestBody(bytes ?? throw new ArgumentNullException(nameof(bytes)));

    /// <summary>
    /// Opens a new stream positioned at the first byte of the body. Called once per attempt; the
    /// caller disposes the stream. The stream may yield fewer bytes than <see cref="Length"/> only
    /// if the source shrank, which the client reports as an error.
    /// </summary>
    /// <returns>A readable stream.</returns>
    public abstract Stream OpenStream();
}
