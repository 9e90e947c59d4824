using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace OssResumable.Emulator.Storage;

/// <summary>A bucket in memory: its object index and its uploads, guarded by <see cref="Gate"/>.</summary>
internal sealed class BucketState
{
    public const string BlobExtension = ".blob";

    public BucketState(BucketDocument document, string directory)
    {
        Document = document;
        Directory = directory;
        ObjectsDirectory = Path.Combine(directory, "objects");
        UploadsDirectory = Path.Combine(directory, "uploads");
        BlobsDirectory = Path.Combine(directory, "blobs");
    }

    public BucketDocument Document { get; }

    public string Name => Document.Name;

    public string Directory { get; }

    public string ObjectsDirectory { get; }

    public string UploadsDirectory { get; }

    public string BlobsDirectory { get; }

    public Lock Gate { get; } = new();

    /// <summary>Objects by key in OSS listing order. Guarded by <see cref="Gate"/>.</summary>
    public SortedDictionary<string, ObjectRecord> Objects { get; } = new(Utf8OrdinalComparer.Instance);

    /// <summary>In-progress uploads by id. Guarded by <see cref="Gate"/>.</summary>
    public Dictionary<string, UploadRecord> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>Set when the bucket was deleted. Guarded by <see cref="Gate"/>.</summary>
    public bool IsDeleted { get; set; }

    public string BlobPath(string blobName) => Path.Combine(BlobsDirectory, blobName);

    /// <summary>A fresh blob name; the file is invisible until a metadata file references it.</summary>
    public string NewBlobName() => Guid.NewGuid().ToString("N") + BlobExtension;

    /// <summary>Object metadata file: SHA-256 of the key, so any key maps to a safe file name.</summary>
    public string ObjectDocumentPath(string key) =>
        Path.Combine(ObjectsDirectory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".json");

    public string DocumentPath => Path.Combine(Directory, "bucket.json");
}
