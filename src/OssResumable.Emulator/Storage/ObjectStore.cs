using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using OssResumable.Core.Hashing;
using OssResumable.Emulator.Http;

namespace OssResumable.Emulator.Storage;

/// <summary>
/// Buckets, objects and multipart uploads on disk under one data directory, with an in-memory index.
/// Data bytes live in blob files that become visible only when an atomically written JSON metadata
/// file references them; unreferenced blobs and temp files are collected at start-up, so a crash
/// never exposes a half-written part or object. Multipart objects reference their part blobs
/// directly (Complete moves no data).
/// </summary>
internal sealed class ObjectStore
{
    /// <summary>OSS minimum size of every part but the last one at Complete.</summary>
    public const long MinPartSize = 102400;

    private readonly ConcurrentDictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly string _bucketsDirectory;
    private readonly Lock _bucketGate = new();

    public ObjectStore(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        _bucketsDirectory = Path.Combine(DataDirectory, "buckets");
        Directory.CreateDirectory(_bucketsDirectory);
        Load();
    }

    public string DataDirectory { get; }

    public IReadOnlyList<BucketState> Buckets =>
        _buckets.Values.OrderBy(b => b.Name, StringComparer.Ordinal).ToList();

    public BucketState GetBucket(string name) =>
        _buckets.TryGetValue(name, out BucketState? bucket) ? bucket : throw OssErrors.NoSuchBucket(name);

    public bool TryGetBucket(string name, out BucketState? bucket) => _buckets.TryGetValue(name, out bucket);

    /// <summary>Creates a bucket; true when created, false when it already existed (same settings).</summary>
    public bool CreateBucket(string name, string storageClass, string acl, DateTimeOffset now)
    {
        lock (_bucketGate)
        {
            if (_buckets.TryGetValue(name, out BucketState? existing))
            {
                if (!string.Equals(existing.Document.StorageClass, storageClass, StringComparison.OrdinalIgnoreCase))
                {
                    throw OssErrors.BucketAlreadyExists(name, "Cannot modify existing bucket's storage class.");
                }

                return false;
            }

            var document = new BucketDocument { Name = name, Created = TruncateToSeconds(now), StorageClass = storageClass, Acl = acl };
            var bucket = new BucketState(document, Path.Combine(_bucketsDirectory, name));
            Directory.CreateDirectory(bucket.ObjectsDirectory);
            Directory.CreateDirectory(bucket.UploadsDirectory);
            Directory.CreateDirectory(bucket.BlobsDirectory);
            StoreFiles.WriteJson(bucket.DocumentPath, document, StoreJsonContext.Default.BucketDocument);
            _buckets[name] = bucket;
            return true;
        }
    }

    /// <summary>Changes a bucket's ACL and persists it (bucket.json is replaced atomically).</summary>
    public void SetBucketAcl(BucketState bucket, string acl)
    {
        lock (_bucketGate)
        {
            if (!_buckets.TryGetValue(bucket.Name, out BucketState? current) || !ReferenceEquals(current, bucket))
            {
                throw OssErrors.NoSuchBucket(bucket.Name);
            }

            bucket.Document.Acl = acl;
            StoreFiles.WriteJson(bucket.DocumentPath, bucket.Document, StoreJsonContext.Default.BucketDocument);
        }
    }

    public void DeleteBucket(string name)
    {
        lock (_bucketGate)
        {
            BucketState bucket = GetBucket(name);
            lock (bucket.Gate)
            {
                if (bucket.Objects.Count > 0 || bucket.Uploads.Count > 0)
                {
                    throw OssErrors.BucketNotEmpty(name);
                }

                bucket.IsDeleted = true;
            }

            _buckets.TryRemove(name, out _);

            // bucket.json goes first: a crash mid-delete leaves no half bucket behind.
            StoreFiles.TryDelete(bucket.DocumentPath);
            TryDeleteDirectory(bucket.Directory);
        }
    }

    /// <summary>Looks up an object and takes a read lease on it; null when absent. Caller releases.</summary>
    public ObjectRecord? AcquireObject(BucketState bucket, string key)
    {
        lock (bucket.Gate)
        {
            if (bucket.Objects.TryGetValue(key, out ObjectRecord? record) && record.TryAcquire())
            {
                return record;
            }

            return null;
        }
    }

    public ObjectDocument? PeekObject(BucketState bucket, string key)
    {
        lock (bucket.Gate)
        {
            return bucket.Objects.TryGetValue(key, out ObjectRecord? record) ? record.Document : null;
        }
    }

    /// <summary>Publishes an object version (atomic metadata write) and retires the previous one.</summary>
    /// <exception cref="ErrorResponseException">FileAlreadyExists with forbid-overwrite; NoSuchBucket after a delete.</exception>
    public void CommitObject(BucketState bucket, ObjectDocument document, bool forbidOverwrite)
    {
        ObjectRecord? previous;
        lock (bucket.Gate)
        {
            if (bucket.IsDeleted)
            {
                throw OssErrors.NoSuchBucket(bucket.Name);
            }

            bucket.Objects.TryGetValue(document.Key, out previous);
            if (forbidOverwrite && previous is not null)
            {
                throw OssErrors.FileAlreadyExists(document.Key);
            }

            StoreFiles.WriteJson(bucket.ObjectDocumentPath(document.Key), document, StoreJsonContext.Default.ObjectDocument);
            bucket.Objects[document.Key] = new ObjectRecord(bucket, document);
        }

        previous?.Retire();
    }

    /// <summary>Deletes an object; true when it existed.</summary>
    public bool DeleteObject(BucketState bucket, string key)
    {
        ObjectRecord? previous;
        lock (bucket.Gate)
        {
            if (!bucket.Objects.Remove(key, out previous))
            {
                return false;
            }

            StoreFiles.TryDelete(bucket.ObjectDocumentPath(key));
        }

        previous.Retire();
        return true;
    }

    public List<ObjectRecord> SnapshotObjects(BucketState bucket)
    {
        lock (bucket.Gate)
        {
            return bucket.Objects.Values.ToList();
        }
    }

    public UploadRecord Initiate(BucketState bucket, string key, ObjectAttributes attributes, bool forbidOverwrite, DateTimeOffset now)
    {
        var document = new UploadDocument
        {
            UploadId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            Key = key,
            Initiated = TruncateToSeconds(now),
            ForbidOverwrite = forbidOverwrite,
            Attributes = attributes,
        };
        var upload = new UploadRecord(bucket, document);
        lock (bucket.Gate)
        {
            if (bucket.IsDeleted)
            {
                throw OssErrors.NoSuchBucket(bucket.Name);
            }

            if (forbidOverwrite && bucket.Objects.ContainsKey(key))
            {
                throw OssErrors.FileAlreadyExists(key);
            }

            Directory.CreateDirectory(upload.Directory);
            StoreFiles.WriteJson(upload.DocumentPath, document, StoreJsonContext.Default.UploadDocument);
            bucket.Uploads.Add(document.UploadId, upload);
        }

        return upload;
    }

    /// <summary>Finds an upload by id; NoSuchUpload when unknown, finished or created for another key.</summary>
    public UploadRecord GetUpload(BucketState bucket, string uploadId, string key)
    {
        lock (bucket.Gate)
        {
            if (bucket.Uploads.TryGetValue(uploadId, out UploadRecord? upload) && string.Equals(upload.Key, key, StringComparison.Ordinal))
            {
                return upload;
            }
        }

        throw OssErrors.NoSuchUpload(uploadId);
    }

    /// <summary>Finds an upload by id alone (inspection and the vanish fault).</summary>
    public UploadRecord? FindUpload(BucketState bucket, string uploadId)
    {
        lock (bucket.Gate)
        {
            return bucket.Uploads.TryGetValue(uploadId, out UploadRecord? upload) ? upload : null;
        }
    }

    /// <summary>Removes an upload and its parts if it still exists; true when it did.</summary>
    public bool TryAbort(UploadRecord upload)
    {
        lock (upload.Gate)
        {
            if (upload.IsFinished)
            {
                return false;
            }

            FinishUpload(upload, deleteBlobsExcept: null);
            return true;
        }
    }

    public List<UploadRecord> SnapshotUploads(BucketState bucket)
    {
        lock (bucket.Gate)
        {
            return bucket.Uploads.Values.ToList();
        }
    }

    public List<PartDocument> SnapshotParts(UploadRecord upload)
    {
        lock (upload.Gate)
        {
            if (upload.IsFinished)
            {
                throw OssErrors.NoSuchUpload(upload.UploadId);
            }

            return upload.Parts.Values.ToList();
        }
    }

    /// <summary>Publishes a part (replacing an earlier one with the same number).</summary>
    /// <exception cref="ErrorResponseException">NoSuchUpload when the upload finished meanwhile; the blob is deleted.</exception>
    public void CommitPart(UploadRecord upload, PartDocument part)
    {
        PartDocument? previous;
        lock (upload.Gate)
        {
            if (upload.IsFinished)
            {
                StoreFiles.TryDelete(upload.Bucket.BlobPath(part.Blob));
                throw OssErrors.NoSuchUpload(upload.UploadId);
            }

            StoreFiles.WriteJson(upload.PartPath(part.PartNumber), part, StoreJsonContext.Default.PartDocument);
            upload.Parts.TryGetValue(part.PartNumber, out previous);
            upload.Parts[part.PartNumber] = part;
        }

        if (previous is not null)
        {
            StoreFiles.TryDelete(upload.Bucket.BlobPath(previous.Blob));
        }
    }

    /// <summary>
    /// Completes an upload: validates the part list (order, existence, ETag, minimum size), publishes
    /// the object referencing the part blobs, and removes the upload. <paramref name="listed"/> null
    /// means "all uploaded parts" (<c>x-oss-complete-all: yes</c>).
    /// </summary>
    public ObjectDocument Complete(
        UploadRecord upload,
        IReadOnlyList<(int PartNumber, string ETag)>? listed,
        bool? forbidOverwrite,
        string? acl,
        DateTimeOffset now)
    {
        lock (upload.Gate)
        {
            if (upload.IsFinished)
            {
                throw OssErrors.NoSuchUpload(upload.UploadId);
            }

            List<PartDocument> parts = SelectParts(upload, listed);
            for (int i = 0; i < parts.Count - 1; i++)
            {
                if (parts[i].Size < MinPartSize)
                {
                    throw OssErrors.EntityTooSmall(parts[i].PartNumber, parts[i].Size);
                }
            }

            ulong crc = 0;
            long size = 0;
            byte[] digests = new byte[parts.Count * 16];
            for (int i = 0; i < parts.Count; i++)
            {
                crc = Crc64.Combine(crc, parts[i].Crc64, parts[i].Size);
                size += parts[i].Size;
                Convert.FromHexString(parts[i].Md5).CopyTo(digests, i * 16);
            }

            ObjectAttributes attributes = acl is null ? upload.Document.Attributes : upload.Document.Attributes.WithAcl(acl);

            var document = new ObjectDocument
            {
                Key = upload.Key,
                Size = size,
                ETag = "\"" + Convert.ToHexString(MD5.HashData(digests)) + "-" + parts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"",
                Crc64 = crc,
                ObjectType = "Multipart",
                LastModified = TruncateToSeconds(now),
                PartCount = parts.Count,
                UploadId = upload.UploadId,
                Attributes = attributes,
                Segments = parts.Select(p => new SegmentDocument { Blob = p.Blob, Length = p.Size }).ToList(),
            };

            CommitObject(upload.Bucket, document, forbidOverwrite ?? upload.Document.ForbidOverwrite);

            var used = new HashSet<string>(parts.Select(p => p.Blob), StringComparer.Ordinal);
            FinishUpload(upload, deleteBlobsExcept: used);
            return document;
        }
    }

    /// <summary>Aborts (or, for the vanish fault, silently drops) an upload and its parts.</summary>
    public void Abort(UploadRecord upload)
    {
        lock (upload.Gate)
        {
            if (upload.IsFinished)
            {
                throw OssErrors.NoSuchUpload(upload.UploadId);
            }

            FinishUpload(upload, deleteBlobsExcept: null);
        }
    }

    public static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static List<PartDocument> SelectParts(UploadRecord upload, IReadOnlyList<(int PartNumber, string ETag)>? listed)
    {
        if (listed is null)
        {
            if (upload.Parts.Count == 0)
            {
                throw OssErrors.NoParts(upload.UploadId);
            }

            return upload.Parts.Values.ToList();
        }

        for (int i = 1; i < listed.Count; i++)
        {
            if (listed[i].PartNumber <= listed[i - 1].PartNumber)
            {
                throw OssErrors.InvalidPartOrder(upload.UploadId);
            }
        }

        var parts = new List<PartDocument>(listed.Count);
        foreach ((int number, string eTag) in listed)
        {
            if (!upload.Parts.TryGetValue(number, out PartDocument? part) || !ETagEquals(part.Md5, eTag))
            {
                throw OssErrors.InvalidPart(upload.UploadId, number, eTag);
            }

            parts.Add(part);
        }

        return parts;
    }

    private static bool ETagEquals(string md5Hex, string eTag) =>
        string.Equals(md5Hex, eTag.Trim().Trim('"'), StringComparison.OrdinalIgnoreCase);

    // Caller holds upload.Gate.
    private static void FinishUpload(UploadRecord upload, HashSet<string>? deleteBlobsExcept)
    {
        upload.IsFinished = true;
        BucketState bucket = upload.Bucket;
        lock (bucket.Gate)
        {
            bucket.Uploads.Remove(upload.UploadId);
        }

        // upload.json first: without it the directory is garbage at the next start.
        StoreFiles.TryDelete(upload.DocumentPath);
        TryDeleteDirectory(upload.Directory);
        foreach (PartDocument part in upload.Parts.Values)
        {
            if (deleteBlobsExcept is null || !deleteBlobsExcept.Contains(part.Blob))
            {
                StoreFiles.TryDelete(bucket.BlobPath(part.Blob));
            }
        }

        upload.Parts.Clear();
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Collected at the next start.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private void Load()
    {
        foreach (string directory in Directory.EnumerateDirectories(_bucketsDirectory))
        {
            string documentPath = Path.Combine(directory, "bucket.json");
            if (!File.Exists(documentPath))
            {
                // A bucket deleted (or created) halfway through a crash.
                TryDeleteDirectory(directory);
                continue;
            }

            BucketDocument? document = StoreFiles.ReadJson(documentPath, StoreJsonContext.Default.BucketDocument);
            if (document is null || !string.Equals(document.Name, Path.GetFileName(directory), StringComparison.Ordinal))
            {
                throw new InvalidDataException("Corrupt bucket metadata: " + documentPath);
            }

            var bucket = new BucketState(document, directory);
            Directory.CreateDirectory(bucket.ObjectsDirectory);
            Directory.CreateDirectory(bucket.UploadsDirectory);
            Directory.CreateDirectory(bucket.BlobsDirectory);
            LoadBucket(bucket);
            _buckets[bucket.Name] = bucket;
        }
    }

    private static void LoadBucket(BucketState bucket)
    {
        DeleteTempFiles(bucket.Directory);
        var completedUploads = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(bucket.ObjectsDirectory, "*.json"))
        {
            ObjectDocument document = StoreFiles.ReadJson(path, StoreJsonContext.Default.ObjectDocument)
                ?? throw new InvalidDataException("Corrupt object metadata: " + path);
            bucket.Objects[document.Key] = new ObjectRecord(bucket, document);
            if (document.UploadId is not null)
            {
                completedUploads.Add(document.UploadId);
            }
        }

        foreach (string directory in Directory.EnumerateDirectories(bucket.UploadsDirectory))
        {
            string uploadPath = Path.Combine(directory, "upload.json");
            string uploadId = Path.GetFileName(directory);
            if (!File.Exists(uploadPath) || completedUploads.Contains(uploadId))
            {
                // Aborted, or completed just before a crash: the object already owns its blobs.
                TryDeleteDirectory(directory);
                continue;
            }

            UploadDocument document = StoreFiles.ReadJson(uploadPath, StoreJsonContext.Default.UploadDocument)
                ?? throw new InvalidDataException("Corrupt upload metadata: " + uploadPath);
            var upload = new UploadRecord(bucket, document);
            foreach (string partPath in Directory.EnumerateFiles(directory, "part-*.json"))
            {
                PartDocument part = StoreFiles.ReadJson(partPath, StoreJsonContext.Default.PartDocument)
                    ?? throw new InvalidDataException("Corrupt part metadata: " + partPath);
                upload.Parts[part.PartNumber] = part;
            }

            bucket.Uploads[document.UploadId] = upload;
        }

        // Blobs nobody references were being written (or replaced) when the emulator stopped.
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (ObjectRecord record in bucket.Objects.Values)
        {
            referenced.UnionWith(record.Document.Segments.Select(s => s.Blob));
        }

        foreach (UploadRecord upload in bucket.Uploads.Values)
        {
            referenced.UnionWith(upload.Parts.Values.Select(p => p.Blob));
        }

        foreach (string blob in Directory.EnumerateFiles(bucket.BlobsDirectory))
        {
            if (!referenced.Contains(Path.GetFileName(blob)))
            {
                StoreFiles.TryDelete(blob);
            }
        }
    }

    private static void DeleteTempFiles(string directory)
    {
        foreach (string temp in Directory.EnumerateFiles(directory, "*" + StoreFiles.TempSuffix, SearchOption.AllDirectories))
        {
            StoreFiles.TryDelete(temp);
        }
    }
}
