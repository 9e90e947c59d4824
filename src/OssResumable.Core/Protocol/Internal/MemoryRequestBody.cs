using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>A request body over memory the caller owns.</summary>
internal sealed class MemoryRequestBody : RequestBody
{
    private readonly ReadOnlyMemory<byte> _bytes;

    public MemoryRequestBody(ReadOnlyMemory<byte> bytes)
    {
        _bytes = bytes;
    }

    public override long Length => _bytes.Length;

    public override Stream OpenStream()
    {
        if (MemoryMarshal.TryGetArray(_bytes, out ArraySegment<byte> segment) && segment.Array is not null)
        {
            return new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false);
        }

        // Memory not backed by an array (native memory): a copy is the only way to get a Stream here.
        return new MemoryStream(_bytes.ToArray(), writable: false);
    }
}
