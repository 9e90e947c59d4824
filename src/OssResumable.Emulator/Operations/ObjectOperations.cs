using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using OssResumable.Emulator.Http;
using OssResumable.Emulator.Storage;
using OssResumable.Emulator.Xml;

namespace OssResumable.Emulator.Operations;

/// <summary>PutObject, GetObject, HeadObject, GetObjectMeta, GetObjectAcl, DeleteObject, DeleteMultipleObjects.</summary>
internal static class ObjectOperations
{
    private static readonly (string Query, string Header)[] ResponseOverrides =
    {
        ("response-content-type", "Content-Type"),
        ("response-content-language", "Content-Language"),
        ("response-expires", "Expires"),
        ("response-cache-control", "Cache-Control"),
        ("response-content-disposition", "Content-Disposition"),
        ("response-content-encoding", "Content-Encoding"),
    };

    public static async Task<OssResult> PutObjectAsync(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        string key = RequestValidation.RequireKey(request);
        RequestValidation.RequireUploadBodyFraming(request);
        ObjectAttributes attributes = RequestValidation.ParseAttributes(request, bucket);
        byte[]? expectedMd5 = RequestValidation.ParseContentMd5(request);
        bool forbidOverwrite = RequestValidation.ParseForbidOverwrite(request) ?? false;
        if (forbidOverwrite && runtime.Store.PeekObject(bucket, key) is not null)
        {
            // Fail before the upload is streamed; the commit checks again for races.
            throw OssErrors.FileAlreadyExists(key);
        }

        string blob = bucket.NewBlobName();
        BlobWriteResult written = await BlobWriter.WriteAsync(
            request.Context.Request.BodyReader, bucket.BlobPath(blob), RequestValidation.MaxUploadSize, request.BytesPerSecond, n => runtime.Statistics.AddBodyRead(request.Operation, n), request.Context.RequestAborted);
        try
        {
            RequestValidation.CheckContentMd5(request, expectedMd5, written.Md5);
            var document = new ObjectDocument
            {
                Key = key,
                Size = written.Length,
                ETag = "\"" + Convert.ToHexString(written.Md5) + "\"",
                ContentMd5 = Convert.ToBase64String(written.Md5),
                Crc64 = written.Crc64,
                ObjectType = "Normal",
                LastModified = ObjectStore.TruncateToSeconds(runtime.Clock.UtcNow),
                Attributes = attributes,
                Segments = { new SegmentDocument { Blob = blob, Length = written.Length } },
            };
            runtime.Store.CommitObject(bucket, document, forbidOverwrite);
        }
        catch
        {
            StoreFiles.TryDelete(bucket.BlobPath(blob));
            throw;
        }

        runtime.Statistics.AddReceived(written.Length);
        var result = new OssResult()
            .With("ETag", "\"" + Convert.ToHexString(written.Md5) + "\"")
            .With("Content-MD5", Convert.ToBase64String(written.Md5))
            .WithCrc(written.Crc64);
        AddEncryptionHeaders(result, attributes);
        return result;
    }

    /// <summary>GetObject and HeadObject (same headers; HEAD sends no body).</summary>
    public static OssResult GetObject(EmulatorRuntime runtime, OssRequest request, bool head)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        string key = RequestValidation.RequireKey(request);
        CheckVersionId(request);
        ObjectRecord record = runtime.Store.AcquireObject(bucket, key) ?? throw OssErrors.NoSuchKey(key);
        bool leaseHandedOver = false;
        try
        {
            ObjectDocument document = record.Document;
            if (EvaluateConditions(request, document) is OssResult notModified)
            {
                return notModified;
            }

            (long offset, long length, bool partial) = ResolveRange(request.GetHeader("Range"), document.Size);
            OssResult result;
            if (head)
            {
                result = new OssResult(200) { HeadContentLength = document.Size };
            }
            else
            {
                result = new OssResult(partial ? 206 : 200) { ObjectBody = new ObjectBody(bucket, record, offset, length) };
                leaseHandedOver = true;
            }

            AddObjectHeaders(result, document, wholeObject: head || !partial);
            if (partial && !head)
            {
                result.With("Content-Range", "bytes " + offset.ToString(CultureInfo.InvariantCulture) + "-" +
                    (offset + length - 1).ToString(CultureInfo.InvariantCulture) + "/" + document.Size.ToString(CultureInfo.InvariantCulture));
            }

            ApplyResponseOverrides(request, result);
            return result;
        }
        finally
        {
            if (!leaseHandedOver)
            {
                record.Release();
            }
        }
    }

    /// <summary>GetObjectMeta: the basic headers only, no body.</summary>
    public static OssResult GetObjectMeta(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        string key = RequestValidation.RequireKey(request);
        ObjectDocument document = runtime.Store.PeekObject(bucket, key) ?? throw OssErrors.NoSuchKey(key);
        return new OssResult(200) { HeadContentLength = request.Method == "HEAD" ? document.Size : null }
            .With("ETag", document.ETag)
            .With("Last-Modified", document.LastModified.ToString("r", CultureInfo.InvariantCulture))
            .With("x-oss-object-size", document.Size.ToString(CultureInfo.InvariantCulture))
            .WithCrc(document.Crc64);
    }

    public static OssResult GetObjectAcl(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        string key = RequestValidation.RequireKey(request);
        ObjectDocument document = runtime.Store.PeekObject(bucket, key) ?? throw OssErrors.NoSuchKey(key);
        return AccessControlPolicy(runtime, document.Attributes.Acl);
    }

    /// <summary>The AccessControlPolicy document of GetObjectAcl and GetBucketAcl.</summary>
    public static OssResult AccessControlPolicy(EmulatorRuntime runtime, string grant)
    {
        using var xml = new XmlBuilder("AccessControlPolicy");
        xml.Start("Owner").Element("ID", runtime.OwnerId).Element("DisplayName", runtime.OwnerId).End();
        xml.Start("AccessControlList").Element("Grant", grant).End();
        return OssResult.Xml(xml.ToArray());
    }

    public static OssResult DeleteObject(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        string key = RequestValidation.RequireKey(request);
        CheckVersionId(request);
        runtime.Store.DeleteObject(bucket, key);
        return new OssResult(204);
    }

    public static async Task<OssResult> DeleteMultipleObjectsAsync(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        bool url = RequestValidation.UrlEncoding(request);
        byte[] body = await RequestValidation.ReadSmallBodyAsync(request);
        XElement root = RequestValidation.ParseXml(body, "Delete").Root!;
        bool quiet = string.Equals(Child(root, "Quiet")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        List<string> keys = root.Elements().Where(e => e.Name.LocalName == "Object")
            .Select(o => Child(o, "Key")?.Value ?? throw OssErrors.MalformedXml("Every Object needs a Key."))
            .ToList();
        if (keys.Count is 0 or > 1000)
        {
            throw OssErrors.MalformedXml("Between 1 and 1000 objects can be deleted per request.");
        }

        foreach (string key in keys)
        {
            if (key.Length == 0 || key[0] is '/' or '\\')
            {
                throw OssErrors.InvalidObjectName("The specified object is not valid.");
            }
        }

        using var xml = new XmlBuilder("DeleteResult");
        if (url)
        {
            xml.Element("EncodingType", "url");
        }

        foreach (string key in keys)
        {
            runtime.Store.DeleteObject(bucket, key);
            if (!quiet)
            {
                xml.Start("Deleted").Element("Key", RequestValidation.EncodeIf(url, key)).End();
            }
        }

        return OssResult.Xml(xml.ToArray());
    }

    public static void AddEncryptionHeaders(OssResult result, ObjectAttributes attributes)
    {
        foreach (KeyValuePair<string, string> header in attributes.Encryption)
        {
            result.With(header.Key, header.Value);
        }
    }

    private static XElement? Child(XElement parent, string localName) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static void CheckVersionId(OssRequest request)
    {
        string? versionId = request.GetQuery("versionId");
        if (versionId is not null && versionId.Length > 0 && versionId != "null")
        {
            throw OssErrors.NoSuchVersion(versionId);
        }
    }

    private static void AddObjectHeaders(OssResult result, ObjectDocument document, bool wholeObject)
    {
        ObjectAttributes attributes = document.Attributes;
        result.With("Content-Type", attributes.ContentType)
            .With("ETag", document.ETag)
            .With("Last-Modified", document.LastModified.ToString("r", CultureInfo.InvariantCulture))
            .With("Accept-Ranges", "bytes")
            .With("x-oss-object-type", document.ObjectType)
            .With("x-oss-storage-class", attributes.StorageClass);
        if (wholeObject)
        {
            result.WithCrc(document.Crc64);
            result.With("Content-MD5", document.ContentMd5);
        }

        foreach (KeyValuePair<string, string> header in attributes.StandardHeaders)
        {
            result.With(header.Key, header.Value);
        }

        foreach (KeyValuePair<string, string> header in attributes.UserMetadata)
        {
            result.With(header.Key, header.Value);
        }

        AddEncryptionHeaders(result, attributes);
        if (!string.IsNullOrEmpty(attributes.Tagging))
        {
            int count = attributes.Tagging.Split('&', StringSplitOptions.RemoveEmptyEntries).Length;
            result.With("x-oss-tagging-count", count.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void ApplyResponseOverrides(OssRequest request, OssResult result)
    {
        foreach ((string query, string header) in ResponseOverrides)
        {
            if (request.GetQuery(query) is string value)
            {
                result.Headers.RemoveAll(h => string.Equals(h.Name, header, StringComparison.OrdinalIgnoreCase));
                result.Headers.Add((header, value));
            }
        }
    }

    // RFC 7232 order: If-Match, If-Unmodified-Since (412), then If-None-Match, If-Modified-Since (304).
    private static OssResult? EvaluateConditions(OssRequest request, ObjectDocument document)
    {
        string eTag = document.ETag.Trim('"');
        if (request.GetHeader("If-Match") is string ifMatch && !ETagListContains(ifMatch, eTag))
        {
            throw OssErrors.PreconditionFailed("If-Match");
        }

        if (request.GetHeader("If-Unmodified-Since") is string ius && TryParseHttpDate(ius, out DateTimeOffset unmodifiedSince) && document.LastModified > unmodifiedSince)
        {
            throw OssErrors.PreconditionFailed("If-Unmodified-Since");
        }

        string? ifNoneMatch = request.GetHeader("If-None-Match");
        bool notModified = ifNoneMatch is not null
            ? ETagListContains(ifNoneMatch, eTag)
            : request.GetHeader("If-Modified-Since") is string ims && TryParseHttpDate(ims, out DateTimeOffset since) && document.LastModified <= since;
        if (!notModified)
        {
            return null;
        }

        return new OssResult(304)
            .With("ETag", document.ETag)
            .With("Last-Modified", document.LastModified.ToString("r", CultureInfo.InvariantCulture));
    }

    private static bool ETagListContains(string headerValue, string eTag) =>
        headerValue.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(v => v == "*" || string.Equals(v.Trim('"'), eTag, StringComparison.OrdinalIgnoreCase));

    private static bool TryParseHttpDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    /// <summary>
    /// Resolves a single <c>bytes=</c> range. Syntactically invalid or multiple ranges are ignored
    /// (whole object, like OSS); a start beyond the end is 416 InvalidRange.
    /// </summary>
    private static (long Offset, long Length, bool Partial) ResolveRange(string? header, long size)
    {
        if (header is null || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return (0, size, false);
        }

        string spec = header[6..].Trim();
        int dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return (0, size, false);
        }

        string first = spec[..dash].Trim();
        string last = spec[(dash + 1)..].Trim();
        bool hasFirst = long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out long start);
        bool hasLast = long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out long end);
        if (!hasFirst)
        {
            if (first.Length > 0 || !hasLast || end == 0)
            {
                return (0, size, false);
            }

            // Suffix range: the last N bytes.
            long suffix = Math.Min(end, size);
            return suffix == 0 ? throw OssErrors.InvalidRange(size) : (size - suffix, suffix, true);
        }

        if (last.Length > 0 && (!hasLast || end < start))
        {
            return (0, size, false);
        }

        if (start >= size)
        {
            throw OssErrors.InvalidRange(size);
        }

        long stop = hasLast ? Math.Min(end, size - 1) : size - 1;
        return (start, stop - start + 1, true);
    }
}
