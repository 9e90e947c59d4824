using System;

namespace OssResumable.Core.Files;

/// <summary>What differs between two snapshots of a source file.</summary>
[Flags]
public enum SourceChanges
{
    /// <summary>Nothing differs: the file is taken to be unchanged.</summary>
    None = 0,

    /// <summary>The absolute path differs.</summary>
    Path = 1,

    /// <summary>The length differs.</summary>
    Length = 2,

    /// <summary>The last-write time differs.</summary>
    LastWriteTime = 4,

    /// <summary>The sampled content fingerprint differs (the file was replaced or edited).</summary>
    Content = 8,
}
