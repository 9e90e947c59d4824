using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace OssResumable.Emulator.Storage;

/// <summary>
/// A multipart upload in memory. <see cref="Gate"/> serialises part commits, Complete and Abort, so
/// a Complete sees a stable part table and a part that arrives after Complete/Abort is refused.
/// Lock order: upload gate before bucket gate.
/// </summary>
internal sealed class UploadRecord
{
    public UploadRecord(BucketState bucket, UploadDocument document)
    {
        Bucket = bucket;
        Document = document;
        Directory = Path.Combine(bucket.UploadsDirectory, document.UploadId);
    }

    public BucketState Bucket { get; }

    public UploadDocument Document { get; }

    public string UploadId => Document.UploadId;

    public string Key => Document.Key;

    public string Directory { get; }

    public Lock Gate { get; } = new();

    /// <summary>Parts by number. Guarded by <see cref="Gate"/>.</summary>
    public SortedDictionary<int, PartDocument> Parts { get; } = new();

    /// <summary>True once completed, aborted or vanished. Guarded by <see cref="Gate"/>.</summary>
    public bool IsFinished { get; set; }

    public string PartPath(int partNumber) => Path.Combine(Directory, "part-" + partNumber.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + ".json");

    public string DocumentPath => Path.Combine(Directory, "upload.json");
}
