using System;

namespace OssResumable.Emulator.Storage;

/// <summary>The persisted description of a bucket (bucket.json).</summary>
internal sealed class BucketDocument
{
    public string Name { get; set; } = string.Empty;

    public DateTimeOffset Created { get; set; }

    public string StorageClass { get; set; } = "Standard";

    public string Acl { get; set; } = "private";
}
