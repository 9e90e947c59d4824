using System.Threading;

namespace OssResumable.Emulator.Storage;

/// <summary>
/// One version of an object in memory. Readers take a lease so that an overwrite or delete never
/// pulls the blob files from under a GET that is still streaming them: a retired record deletes its
/// blobs when the last reader lets go.
/// </summary>
internal sealed class ObjectRecord
{
    private readonly Lock _gate = new();
    private readonly BucketState _bucket;
    private int _readers;
    private bool _retired;

    public ObjectRecord(BucketState bucket, ObjectDocument document)
    {
        _bucket = bucket;
        Document = document;
    }

    public ObjectDocument Document { get; }

    public string Key => Document.Key;

    /// <summary>Takes a read lease; false when the record was already retired.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            _readers++;
            return true;
        }
    }

    public void Release()
    {
        bool delete;
        lock (_gate)
        {
            _readers--;
            delete = _retired && _readers == 0;
        }

        if (delete)
        {
            DeleteBlobs();
        }
    }

    /// <summary>Marks the version as replaced or deleted; blobs go once no reader holds them.</summary>
    public void Retire()
    {
        bool delete;
        lock (_gate)
        {
            if (_retired)
            {
                return;
            }

            _retired = true;
            delete = _readers == 0;
        }

        if (delete)
        {
            DeleteBlobs();
        }
    }

    private void DeleteBlobs()
    {
        foreach (SegmentDocument segment in Document.Segments)
        {
            StoreFiles.TryDelete(_bucket.BlobPath(segment.Blob));
        }
    }
}
