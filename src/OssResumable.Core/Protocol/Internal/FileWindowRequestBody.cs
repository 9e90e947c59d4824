using System.IO;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>A request body that is a window on a file.</summary>
internal sealed class FileWindowRequestBody : RequestBody
{
    // FileStream's own buffer only adds a copy: the upload reads in large chunks.
    private const int FileBufferSize = 4096;

    public FileWindowRequestBody(string path, long offset, long length)
    {
        Path = path;
        Offset = offset;
        Length = length;
    }

    public string Path { get; }

    public long Offset { get; }

    public override long Length { get; }

    public override Stream OpenStream()
    {
        var file = new FileStream(
            Path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete,
            FileBufferSize,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            file.Seek(Offset, SeekOrigin.Begin);
            return new WindowStream(file, Length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
