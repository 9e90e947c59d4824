using System.Collections.Generic;
using System.Xml;
using System.Xml.Linq;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>Parses the XML bodies of successful multipart responses.</summary>
internal static class OssResponseParser
{
    public static InitiateMultipartUploadResult ParseInitiate(XElement root, string bucket, string key, string? requestId)
    {
        ExpectRoot(root, "InitiateMultipartUploadResult");
        bool encoded = OssXml.IsUrlEncoded(root);
        string uploadId = OssXml.RequiredText(root, "UploadId").Trim();
        if (uploadId.Length == 0)
        {
            throw new XmlException("<UploadId> is empty.");
        }

        return new InitiateMultipartUploadResult(
            OssXml.Text(root, "Bucket") ?? bucket,
            OssXml.KeyText(root, "Key", encoded) ?? key,
            uploadId,
            requestId);
    }

    public static CompleteMultipartUploadResult ParseComplete(XElement root, string bucket, string key, string? headerETag, ulong? crc64, string? versionId, string? requestId)
    {
        ExpectRoot(root, "CompleteMultipartUploadResult");
        bool encoded = OssXml.IsUrlEncoded(root);
        string eTag = OssXml.Text(root, "ETag") ?? headerETag ?? throw new XmlException("The response has no ETag.");
        return new CompleteMultipartUploadResult(
            OssXml.Text(root, "Bucket") ?? bucket,
            OssXml.KeyText(root, "Key", encoded) ?? key,
            eTag,
            crc64,
            OssXml.Text(root, "Location"),
            versionId,
            requestId);
    }

    public static ListMultipartUploadsPage ParseListMultipartUploads(XElement root, string bucket)
    {
        ExpectRoot(root, "ListMultipartUploadsResult");
        bool encoded = OssXml.IsUrlEncoded(root);
        var uploads = new List<MultipartUploadSummary>();
        foreach (var element in root.Elements())
        {
            if (element.Name.LocalName != "Upload")
            {
                continue;
            }

            uploads.Add(new MultipartUploadSummary(
                bucket,
                OssXml.KeyText(element, "Key", encoded) ?? throw new XmlException("An <Upload> has no <Key>."),
                OssXml.RequiredText(element, "UploadId"),
                OssXml.Timestamp(element, "Initiated"),
                EmptyToNull(OssXml.Text(element, "StorageClass"))));
        }

        return new ListMultipartUploadsPage(
            uploads,
            OssXml.Boolean(root, "IsTruncated"),
            EmptyToNull(OssXml.KeyText(root, "NextKeyMarker", encoded)),
            EmptyToNull(OssXml.Text(root, "NextUploadIdMarker")));
    }

    public static ListPartsPage ParseListParts(XElement root)
    {
        ExpectRoot(root, "ListPartsResult");
        var parts = new List<ListedPart>();
        foreach (var element in root.Elements())
        {
            if (element.Name.LocalName != "Part")
            {
                continue;
            }

            parts.Add(new ListedPart(
                OssXml.Int32(element, "PartNumber"),
                OssXml.Int64(element, "Size"),
                OssXml.RequiredText(element, "ETag"),
                OssXml.UInt64OrNull(element, "HashCrc64ecma"),
                OssXml.Timestamp(element, "LastModified")));
        }

        string? next = OssXml.Text(root, "NextPartNumberMarker");
        int nextMarker = string.IsNullOrWhiteSpace(next) ? 0 : OssXml.Int32(root, "NextPartNumberMarker");
        return new ListPartsPage(parts, OssXml.Boolean(root, "IsTruncated"), nextMarker);
    }

    private static void ExpectRoot(XElement root, string localName)
    {
        if (root.Name.LocalName != localName)
        {
            throw new XmlException("Expected a <" + localName + "> document but got <" + root.Name.LocalName + ">.");
        }
    }

    private static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
