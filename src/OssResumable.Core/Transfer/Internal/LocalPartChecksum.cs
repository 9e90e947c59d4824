using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Files;
using OssResumable.Core.Hashing;
using OssResumable.Core.Planning;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>Computes the CRC-64 of one part's bytes in the local file, to check a part OSS already stores.</summary>
internal static class LocalPartChecksum
{
    private const int BufferSize = 128 * 1024;

    public static async Task<ulong> ComputeAsync(string path, PartRange range, CancellationToken cancellationToken)
    {
        // The same sharing as the upload bodies (RequestBody.FromFile): never block other readers or writers.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (stream.Length < range.End)
        {
            throw new SourceChangedException(string.Format(
                CultureInfo.InvariantCulture,
                "The source file '{0}' is now {1} bytes long, too short for part {2} (bytes {3}-{4}).",
                path,
                stream.Length,
                range.PartNumber,
                range.Offset,
                range.End - 1));
        }

        stream.Position = range.Offset;
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(BufferSize, Math.Max(1, range.Length)));
        try
        {
            ulong crc = 0;
            long remaining = range.Length;
            while (remaining > 0)
            {
                int read = await stream.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, remaining), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new SourceChangedException("The source file '" + path + "' became shorter while part "
                        + range.PartNumber.ToString(CultureInfo.InvariantCulture) + " was being read.");
                }

                crc = Crc64.Append(crc, new ReadOnlySpan<byte>(buffer, 0, read));
                remaining -= read;
            }

            return crc;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
