using System;
using System.Collections.Generic;
using System.Linq;
using OssResumable.Emulator.Storage;

namespace OssResumable.Emulator.Http;

/// <summary>Read-only views of the store for tests (in-process API and admin HTTP API).</summary>
internal static class Inspection
{
    private const string MetaPrefix = "x-oss-meta-";

    public static IReadOnlyList<string> BucketNames(ObjectStore store) => store.Buckets.Select(b => b.Name).ToList();

    public static IReadOnlyList<EmulatorObjectInfo> Objects(ObjectStore store, string bucket)
    {
        BucketState state = RequireBucket(store, bucket);
        return store.SnapshotObjects(state).Select(r => ToInfo(bucket, r.Document)).ToList();
    }

    public static EmulatorObjectInfo? Object(ObjectStore store, string bucket, string key)
    {
        BucketState state = RequireBucket(store, bucket);
        ObjectDocument? document = store.PeekObject(state, key);
        return document is null ? null : ToInfo(bucket, document);
    }

    public static IReadOnlyList<EmulatorUploadInfo> Uploads(ObjectStore store, string? bucket)
    {
        IEnumerable<BucketState> buckets = bucket is null ? store.Buckets : new[] { RequireBucket(store, bucket) };
        var uploads = new List<EmulatorUploadInfo>();
        foreach (BucketState state in buckets)
        {
            foreach (UploadRecord upload in store.SnapshotUploads(state)
                .OrderBy(u => u.Key, Utf8OrdinalComparer.Instance).ThenBy(u => u.UploadId, StringComparer.Ordinal))
            {
                List<PartDocument> parts;
                try
                {
                    parts = store.SnapshotParts(upload);
                }
                catch (ErrorResponseException)
                {
                    continue; // finished meanwhile
                }

                uploads.Add(new EmulatorUploadInfo(
                    state.Name,
                    upload.Key,
                    upload.UploadId,
                    upload.Document.Initiated,
                    parts.Select(p => new EmulatorPartInfo(p.PartNumber, p.Size, p.ETag, p.Crc64, p.LastModified)).ToList()));
            }
        }

        return uploads;
    }

    public static BucketState RequireBucket(ObjectStore store, string bucket) =>
        store.TryGetBucket(bucket, out BucketState? state) ? state! : throw new KeyNotFoundException("No bucket named '" + bucket + "'.");

    private static EmulatorObjectInfo ToInfo(string bucket, ObjectDocument document) => new(
        bucket,
        document.Key,
        document.Size,
        document.ETag,
        document.Crc64,
        document.ObjectType,
        document.Attributes.ContentType,
        document.Attributes.StorageClass,
        document.Attributes.Acl,
        document.LastModified,
        document.ContentMd5,
        document.PartCount,
        document.Attributes.UserMetadata.ToDictionary(
            p => p.Key.StartsWith(MetaPrefix, StringComparison.Ordinal) ? p.Key[MetaPrefix.Length..] : p.Key,
            p => p.Value,
            StringComparer.Ordinal));
}
