using System.IO;
using OssResumable.Core.Files;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>A request body that is a window on a file.</summary>
internal sealed class FileWindowRequestBody : RequestBody
{
    public FileWindowRequestBody(string path, long offset, long length)
    {
        Path = path;
        Offset = offset;
        Length = length;
    }

    public string Path { get; }

    public long Offset { get; }

    public override long Length { get; }

    // A fresh window per attempt, so a retried request re-sends identical bytes; a file that
    // became too short fails with SourceChangedException instead of sending a short body.
    public override Stream OpenStream() => FileWindowStream.Open(Path, Offset, Length);
}
