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

/// <summary>InitiateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts.</summary>
internal static class MultipartOperations
{
    public static OssResult Initiate(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        string key = RequestValidation.RequireKey(request);
        bool url = RequestValidation.UrlEncoding(request);
        RequestValidation.RequireXmlSafeKey(key, url);
        ObjectAttributes attributes = RequestValidation.ParseAttributes(request, bucket);
        bool forbidOverwrite = RequestValidation.ParseForbidOverwrite(request) ?? false;
        UploadRecord upload = runtime.Store.Initiate(bucket, key, attributes, forbidOverwrite, runtime.Clock.UtcNow);

        using var xml = new XmlBuilder("InitiateMultipartUploadResult");
        xml.Element("Bucket", bucket.Name)
            .Element("Key", RequestValidation.EncodeIf(url, key))
            .Element("UploadId", upload.UploadId);
        if (url)
        {
            xml.Element("EncodingType", "url");
        }

        OssResult result = OssResult.Xml(xml.ToArray());
        ObjectOperations.AddEncryptionHeaders(result, attributes);
        return result;
    }

    public static async Task<OssResult> UploadPartAsync(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        string key = RequestValidation.RequireKey(request);
        int partNumber = ParsePartNumber(request);
        RequestValidation.RequireUploadBodyFraming(request);
        UploadRecord upload = runtime.Store.GetUpload(bucket, RequireUploadId(request), key);
        byte[]? expectedMd5 = RequestValidation.ParseContentMd5(request);

        string blob = bucket.NewBlobName();
        BlobWriteResult written = await BlobWriter.WriteAsync(
            request.Context.Request.BodyReader, bucket.BlobPath(blob), RequestValidation.MaxUploadSize, request.BytesPerSecond, n => runtime.Statistics.AddBodyRead(request.Operation, n), request.Context.RequestAborted);
        try
        {
            RequestValidation.CheckContentMd5(request, expectedMd5, written.Md5);
        }
        catch
        {
            StoreFiles.TryDelete(bucket.BlobPath(blob));
            throw;
        }

        var part = new PartDocument
        {
            PartNumber = partNumber,
            Size = written.Length,
            Md5 = Convert.ToHexString(written.Md5),
            Crc64 = written.Crc64,
            LastModified = ObjectStore.TruncateToSeconds(runtime.Clock.UtcNow),
            Blob = blob,
        };
        runtime.Store.CommitPart(upload, part);
        runtime.Statistics.AddReceived(written.Length);

        var result = new OssResult()
            .With("ETag", part.ETag)
            .With("Content-MD5", Convert.ToBase64String(written.Md5))
            .WithCrc(written.Crc64);
        ObjectOperations.AddEncryptionHeaders(result, upload.Document.Attributes);
        return result;
    }

    public static async Task<OssResult> CompleteAsync(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        string key = RequestValidation.RequireKey(request);
        bool url = RequestValidation.UrlEncoding(request);
        string uploadId = RequireUploadId(request);
        bool completeAll = ParseCompleteAll(request);
        string? acl = RequestValidation.ParseObjectAcl(request);
        bool? forbidOverwrite = RequestValidation.ParseForbidOverwrite(request);
        byte[] body = await RequestValidation.ReadSmallBodyAsync(request);
        UploadRecord upload = runtime.Store.GetUpload(bucket, uploadId, key);
        RequestValidation.RequireXmlSafeKey(key, url);

        IReadOnlyList<(int, string)>? listed = null;
        if (completeAll)
        {
            if (body.Length > 0)
            {
                throw OssErrors.InvalidArgument("With x-oss-complete-all: yes the request must not have a body.", "x-oss-complete-all", "yes");
            }
        }
        else
        {
            listed = ParsePartList(body);
        }

        ObjectDocument document = runtime.Store.Complete(upload, listed, forbidOverwrite, acl, runtime.Clock.UtcNow);

        using var xml = new XmlBuilder("CompleteMultipartUploadResult");
        if (url)
        {
            xml.Element("EncodingType", "url");
        }

        xml.Element("Location", request.ObjectUrl(key))
            .Element("Bucket", bucket.Name)
            .Element("Key", RequestValidation.EncodeIf(url, key))
            .Element("ETag", document.ETag);
        OssResult result = OssResult.Xml(xml.ToArray())
            .With("ETag", document.ETag)
            .WithCrc(document.Crc64);
        ObjectOperations.AddEncryptionHeaders(result, document.Attributes);
        return result;
    }

    public static OssResult Abort(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        string key = RequestValidation.RequireKey(request);
        UploadRecord upload = runtime.Store.GetUpload(bucket, RequireUploadId(request), key);
        runtime.Store.Abort(upload);
        return new OssResult(204);
    }

    public static OssResult ListParts(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        string key = RequestValidation.RequireKey(request);
        bool url = RequestValidation.UrlEncoding(request);
        RequestValidation.RequireXmlSafeKey(key, url);
        int maxParts = RequestValidation.ParseLimit(request, "max-parts", 1000);
        int marker = 0;
        if (request.GetQuery("part-number-marker") is { Length: > 0 } markerText &&
            (!int.TryParse(markerText, NumberStyles.None, CultureInfo.InvariantCulture, out marker) || marker > 10000))
        {
            throw OssErrors.InvalidArgument("part-number-marker must be an integer between 0 and 10000.", "part-number-marker", markerText);
        }

        UploadRecord upload = runtime.Store.GetUpload(bucket, RequireUploadId(request), key);
        List<PartDocument> all = runtime.Store.SnapshotParts(upload);
        List<PartDocument> after = all.Where(p => p.PartNumber > marker).ToList();
        List<PartDocument> page = after.Take(maxParts).ToList();
        bool truncated = after.Count > page.Count;

        using var xml = new XmlBuilder("ListPartsResult");
        xml.Element("Bucket", bucket.Name);
        if (url)
        {
            xml.Element("EncodingType", "url");
        }

        xml.Element("Key", RequestValidation.EncodeIf(url, key))
            .Element("UploadId", upload.UploadId)
            .Element("StorageClass", upload.Document.Attributes.StorageClass)
            .Element("PartNumberMarker", marker)
            .Element("NextPartNumberMarker", page.Count > 0 ? page[^1].PartNumber : marker)
            .Element("MaxParts", maxParts)
            .Element("IsTruncated", truncated);
        foreach (PartDocument part in page)
        {
            xml.Start("Part")
                .Element("PartNumber", part.PartNumber)
                .Element("LastModified", part.LastModified)
                .Element("ETag", part.ETag)
                .Element("HashCrc64ecma", part.Crc64)
                .Element("Size", part.Size)
                .End();
        }

        return OssResult.Xml(xml.ToArray());
    }

    private static string RequireUploadId(OssRequest request)
    {
        string? uploadId = request.UploadId;
        return string.IsNullOrEmpty(uploadId) ? throw OssErrors.NoSuchUpload(uploadId ?? string.Empty) : uploadId;
    }

    private static int ParsePartNumber(OssRequest request)
    {
        string text = request.GetQuery("partNumber") ?? string.Empty;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int partNumber) || partNumber < 1 || partNumber > 10000)
        {
            throw OssErrors.InvalidPartNumber(text);
        }

        return partNumber;
    }

    private static bool ParseCompleteAll(OssRequest request)
    {
        string? value = request.GetHeader("x-oss-complete-all");
        if (value is null)
        {
            return false;
        }

        return string.Equals(value.Trim(), "yes", StringComparison.Ordinal)
            ? true
            : throw OssErrors.InvalidArgument("x-oss-complete-all must be yes.", "x-oss-complete-all", value);
    }

    private static List<(int, string)> ParsePartList(byte[] body)
    {
        XElement root = RequestValidation.ParseXml(body, "CompleteMultipartUpload").Root!;
        var parts = new List<(int, string)>();
        foreach (XElement part in root.Elements().Where(e => e.Name.LocalName == "Part"))
        {
            string? numberText = part.Elements().FirstOrDefault(e => e.Name.LocalName == "PartNumber")?.Value.Trim();
            string? eTag = part.Elements().FirstOrDefault(e => e.Name.LocalName == "ETag")?.Value;
            if (numberText is null || eTag is null || !int.TryParse(numberText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number))
            {
                throw OssErrors.MalformedXml("Every Part needs an integer PartNumber and an ETag.");
            }

            parts.Add((number, eTag));
        }

        if (parts.Count == 0)
        {
            throw OssErrors.MalformedXml("The part list is empty.");
        }

        if (parts.Count > 10000)
        {
            throw OssErrors.MalformedXml("At most 10000 parts can be listed.");
        }

        return parts;
    }
}
