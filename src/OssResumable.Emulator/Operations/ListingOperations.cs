using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using OssResumable.Emulator.Http;
using OssResumable.Emulator.Storage;
using OssResumable.Emulator.Xml;

namespace OssResumable.Emulator.Operations;

/// <summary>ListObjects (v1 and v2) and ListMultipartUploads.</summary>
internal static class ListingOperations
{
    public static OssResult ListObjects(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        bool url = RequestValidation.UrlEncoding(request);
        string prefix = request.GetQuery("prefix") ?? string.Empty;
        string delimiter = request.GetQuery("delimiter") ?? string.Empty;
        string marker = request.GetQuery("marker") ?? string.Empty;
        int maxKeys = RequestValidation.ParseLimit(request, "max-keys", 100);

        (List<ListingEntry<ObjectRecord>> entries, bool truncated) = Listing.Page(
            runtime.Store.SnapshotObjects(bucket), r => r.Key, prefix, delimiter,
            r => marker.Length == 0 || Utf8OrdinalComparer.Instance.Compare(r.Key, marker) > 0, marker, maxKeys);

        using var xml = new XmlBuilder("ListBucketResult");
        xml.Element("Name", bucket.Name)
            .Element("Prefix", RequestValidation.EncodeIf(url, prefix))
            .Element("Marker", RequestValidation.EncodeIf(url, marker))
            .Element("MaxKeys", maxKeys)
            .Element("Delimiter", RequestValidation.EncodeIf(url, delimiter))
            .Element("IsTruncated", truncated)
            .Element("NextMarker", truncated ? RequestValidation.EncodeIf(url, EntryKey(entries[^1])) : string.Empty);
        if (url)
        {
            xml.Element("EncodingType", "url");
        }

        WriteObjectEntries(runtime, xml, entries, url, withOwner: true);
        return OssResult.Xml(xml.ToArray());
    }

    public static OssResult ListObjectsV2(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        bool url = RequestValidation.UrlEncoding(request);
        string prefix = request.GetQuery("prefix") ?? string.Empty;
        string delimiter = request.GetQuery("delimiter") ?? string.Empty;
        string? startAfter = request.GetQuery("start-after");
        string? token = request.GetQuery("continuation-token");
        bool fetchOwner = string.Equals(request.GetQuery("fetch-owner"), "true", StringComparison.OrdinalIgnoreCase);
        int maxKeys = RequestValidation.ParseLimit(request, "max-keys", 100);
        string marker = token is not null ? DecodeToken(token) : startAfter ?? string.Empty;

        (List<ListingEntry<ObjectRecord>> entries, bool truncated) = Listing.Page(
            runtime.Store.SnapshotObjects(bucket), r => r.Key, prefix, delimiter,
            r => marker.Length == 0 || Utf8OrdinalComparer.Instance.Compare(r.Key, marker) > 0, marker, maxKeys);

        using var xml = new XmlBuilder("ListBucketResult");
        xml.Element("Name", bucket.Name).Element("Prefix", RequestValidation.EncodeIf(url, prefix));
        if (startAfter is not null)
        {
            xml.Element("StartAfter", RequestValidation.EncodeIf(url, startAfter));
        }

        if (token is not null)
        {
            xml.Element("ContinuationToken", token);
        }

        xml.Element("MaxKeys", maxKeys)
            .Element("Delimiter", RequestValidation.EncodeIf(url, delimiter))
            .Element("IsTruncated", truncated);
        if (truncated)
        {
            xml.Element("NextContinuationToken", EncodeToken(EntryKey(entries[^1])));
        }

        xml.Element("KeyCount", entries.Count);
        if (url)
        {
            xml.Element("EncodingType", "url");
        }

        WriteObjectEntries(runtime, xml, entries, url, fetchOwner);
        return OssResult.Xml(xml.ToArray());
    }

    public static OssResult ListMultipartUploads(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        bool url = RequestValidation.UrlEncoding(request);
        string prefix = request.GetQuery("prefix") ?? string.Empty;
        string delimiter = request.GetQuery("delimiter") ?? string.Empty;
        string keyMarker = request.GetQuery("key-marker") ?? string.Empty;
        string uploadIdMarker = request.GetQuery("upload-id-marker") ?? string.Empty;
        int maxUploads = RequestValidation.ParseLimit(request, "max-uploads", 1000);

        // Key (UTF-8 byte order), then upload id; upload-id-marker only counts with a key-marker.
        List<UploadRecord> uploads = runtime.Store.SnapshotUploads(bucket);
        uploads.Sort((a, b) =>
        {
            int byKey = Utf8OrdinalComparer.Instance.Compare(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.UploadId, b.UploadId);
        });
        bool IsAfterMarker(UploadRecord u)
        {
            if (keyMarker.Length == 0)
            {
                return true;
            }

            int byKey = Utf8OrdinalComparer.Instance.Compare(u.Key, keyMarker);
            return byKey > 0 || (byKey == 0 && uploadIdMarker.Length > 0 && string.CompareOrdinal(u.UploadId, uploadIdMarker) > 0);
        }

        (List<ListingEntry<UploadRecord>> entries, bool truncated) = Listing.Page(uploads, u => u.Key, prefix, delimiter, IsAfterMarker, keyMarker, maxUploads);
        string nextKeyMarker = string.Empty;
        string nextUploadIdMarker = string.Empty;
        if (truncated)
        {
            ListingEntry<UploadRecord> last = entries[^1];
            nextKeyMarker = last.Item?.Key ?? last.CommonPrefix!;
            nextUploadIdMarker = last.Item?.UploadId ?? string.Empty;
        }

        using var xml = new XmlBuilder("ListMultipartUploadsResult");
        xml.Element("Bucket", bucket.Name);
        if (url)
        {
            xml.Element("EncodingType", "url");
        }

        xml.Element("KeyMarker", RequestValidation.EncodeIf(url, keyMarker))
            .Element("UploadIdMarker", uploadIdMarker)
            .Element("NextKeyMarker", RequestValidation.EncodeIf(url, nextKeyMarker))
            .Element("NextUploadIdMarker", nextUploadIdMarker)
            .Element("Delimiter", RequestValidation.EncodeIf(url, delimiter))
            .Element("Prefix", RequestValidation.EncodeIf(url, prefix))
            .Element("MaxUploads", maxUploads)
            .Element("IsTruncated", truncated);
        foreach (ListingEntry<UploadRecord> entry in entries.Where(e => e.Item is not null))
        {
            UploadRecord upload = entry.Item!;
            xml.Start("Upload")
                .Element("Key", RequestValidation.EncodeIf(url, upload.Key))
                .Element("UploadId", upload.UploadId)
                .Element("StorageClass", upload.Document.Attributes.StorageClass)
                .Element("Initiated", upload.Document.Initiated)
                .End();
        }

        foreach (ListingEntry<UploadRecord> entry in entries.Where(e => e.CommonPrefix is not null))
        {
            xml.Start("CommonPrefixes").Element("Prefix", RequestValidation.EncodeIf(url, entry.CommonPrefix!)).End();
        }

        return OssResult.Xml(xml.ToArray());
    }

    private static string EntryKey(ListingEntry<ObjectRecord> entry) => entry.Item?.Key ?? entry.CommonPrefix!;

    private static string EncodeToken(string marker) => Convert.ToBase64String(Encoding.UTF8.GetBytes(marker));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw OssErrors.InvalidArgument("The continuation token is invalid.", "continuation-token", token);
        }
    }

    private static void WriteObjectEntries(EmulatorRuntime runtime, XmlBuilder xml, List<ListingEntry<ObjectRecord>> entries, bool url, bool withOwner)
    {
        foreach (ListingEntry<ObjectRecord> entry in entries.Where(e => e.Item is not null))
        {
            ObjectDocument document = entry.Item!.Document;
            xml.Start("Contents")
                .Element("Key", RequestValidation.EncodeIf(url, document.Key))
                .Element("LastModified", document.LastModified)
                .Element("ETag", document.ETag)
                .Element("Type", document.ObjectType)
                .Element("Size", document.Size)
                .Element("StorageClass", document.Attributes.StorageClass);
            if (withOwner)
            {
                xml.Start("Owner").Element("ID", runtime.OwnerId).Element("DisplayName", runtime.OwnerId).End();
            }

            xml.End();
        }

        foreach (ListingEntry<ObjectRecord> entry in entries.Where(e => e.CommonPrefix is not null))
        {
            xml.Start("CommonPrefixes").Element("Prefix", RequestValidation.EncodeIf(url, entry.CommonPrefix!)).End();
        }
    }
}
