namespace OssResumable.PowerShell.Progress;

/// <summary>One file's progress at the time of a snapshot.</summary>
internal sealed class FileProgress
{
    /// <summary>Creates the entry.</summary>
    /// <param name="id">The tracker's id for the file.</param>
    /// <param name="name">Display name (file name).</param>
    /// <param name="bytesDone">Bytes on OSS so far.</param>
    /// <param name="totalBytes">File length.</param>
    public FileProgress(int id, string name, long bytesDone, long totalBytes)
    {
        Id = id;
        Name = name;
        BytesDone = bytesDone;
        TotalBytes = totalBytes;
    }

    /// <summary>The tracker's id.</summary>
    public int Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Bytes on OSS so far.</summary>
    public long BytesDone { get; }

    /// <summary>File length.</summary>
    public long TotalBytes { get; }
}
