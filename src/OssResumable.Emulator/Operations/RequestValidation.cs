using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OssResumable.Emulator.Http;
using OssResumable.Emulator.Storage;

namespace OssResumable.Emulator.Operations;

/// <summary>Input checks and header parsing shared by the operations.</summary>
internal static class RequestValidation
{
    /// <summary>5 GiB: the largest PutObject body and the largest part.</summary>
    public const long MaxUploadSize = 5L * 1024 * 1024 * 1024;

    private const int MaxXmlBody = 4 * 1024 * 1024;

    private static readonly string[] StorageClasses = { "Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive" };
    private static readonly string[] ObjectAcls = { "default", "private", "public-read", "public-read-write" };
    private static readonly string[] BucketAcls = { "private", "public-read", "public-read-write" };
    private static readonly string[] EncryptionAlgorithms = { "AES256", "KMS", "SM4" };
    private static readonly string[] StandardHeaders = { "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires" };

    public static bool IsValidBucketName(string name)
    {
        if (name.Length is < 3 or > 63 || name[0] == '-' || name[^1] == '-')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The bucket of a bucket- or object-level request, validated and existing.</summary>
    public static BucketState RequireBucket(EmulatorRuntime runtime, OssRequest request)
    {
        string name = request.Bucket ?? throw OssErrors.InvalidBucketName(string.Empty);
        if (!IsValidBucketName(name))
        {
            throw OssErrors.InvalidBucketName(name);
        }

        return runtime.Store.GetBucket(name);
    }

    /// <summary>The object key, validated (1–1023 UTF-8 bytes, not starting with / or \).</summary>
    public static string RequireKey(OssRequest request)
    {
        string key = request.Key ?? throw OssErrors.InvalidObjectName("The Object name can not be empty.");
        if (Encoding.UTF8.GetByteCount(key) > 1023)
        {
            throw OssErrors.InvalidObjectName("The Length of Object name must be less than 1024.");
        }

        if (key[0] == '/' || key[0] == '\\')
        {
            throw OssErrors.InvalidObjectName("The specified object is not valid: it must not start with '/' or '\\'.");
        }

        return key;
    }

    /// <summary>Validates <c>encoding-type</c>; true when it is <c>url</c>.</summary>
    public static bool UrlEncoding(OssRequest request)
    {
        string? value = request.GetQuery("encoding-type");
        if (value is null || value.Length == 0)
        {
            return false;
        }

        return value == "url" ? true : throw OssErrors.InvalidArgument("The encoding-type parameter must be url.", "encoding-type", value);
    }

    public static string EncodeIf(bool url, string value) => url ? Core.Signing.OssUriEncoder.Encode(value, keepSlash: false) : value;

    /// <summary>Refuses early (before any state change) a key the XML answer could not carry.</summary>
    public static void RequireXmlSafeKey(string key, bool url)
    {
        if (!url && !Xml.XmlBuilder.IsXmlSafe(key))
        {
            throw OssErrors.InvalidArgument(
                "The object name contains characters that XML 1.0 cannot represent; send encoding-type=url.",
                "encoding-type",
                string.Empty);
        }
    }

    /// <summary>
    /// Checks how an upload body (PutObject, UploadPart) is framed, as OSS does: a Content-Length of at
    /// most 5 GiB (refused before anything is read), or chunked transfer coding (no length declared:
    /// the 5 GiB limit is enforced while reading, see <see cref="Storage.BlobWriter"/>). A body with
    /// neither is 411 MissingContentLength. Kestrel decides the framing (it refuses a
    /// Transfer-Encoding that does not end in chunked), so this asks it.
    /// </summary>
    public static void RequireUploadBodyFraming(OssRequest request)
    {
        HttpRequest http = request.Context.Request;
        if (http.ContentLength is long length)
        {
            if (length > MaxUploadSize)
            {
                throw OssErrors.EntityTooLarge(length, MaxUploadSize);
            }

            return;
        }

        if (http.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
        {
            throw OssErrors.MissingContentLength();
        }
    }

    /// <summary>Parses Content-MD5 when present; InvalidDigest when it is not base64 of 16 bytes.</summary>
    public static byte[]? ParseContentMd5(OssRequest request)
    {
        string? header = request.GetHeader("Content-MD5");
        if (header is null)
        {
            return null;
        }

        var digest = new byte[16];
        if (!Convert.TryFromBase64String(header.Trim(), digest, out int written) || written != 16)
        {
            throw OssErrors.InvalidDigest("The Content-MD5 you specified was invalid.", header, null);
        }

        return digest;
    }

    public static void CheckContentMd5(OssRequest request, byte[]? expected, byte[] actual)
    {
        if (expected is not null && !CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            throw OssErrors.InvalidDigest("The Content-MD5 you specified did not match what we received.", request.GetHeader("Content-MD5") ?? string.Empty, Convert.ToBase64String(actual));
        }
    }

    public static bool? ParseForbidOverwrite(OssRequest request)
    {
        string? value = request.GetHeader("x-oss-forbid-overwrite");
        return value is null ? null : string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }

    public static string? ParseObjectAcl(OssRequest request) => ParseChoice(request, "x-oss-object-acl", ObjectAcls);

    public static string ParseBucketAcl(OssRequest request) => ParseChoice(request, "x-oss-acl", BucketAcls) ?? "private";

    public static string NormalizeStorageClass(string value, string argumentName) =>
        StorageClasses.FirstOrDefault(s => string.Equals(s, value.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw OssErrors.InvalidArgument("Unsupported storage class '" + value + "'.", argumentName, value);

    /// <summary>The object attributes a PutObject or InitiateMultipartUpload request sets.</summary>
    public static ObjectAttributes ParseAttributes(OssRequest request, BucketState bucket)
    {
        var attributes = new ObjectAttributes
        {
            ContentType = request.GetHeader("Content-Type") is { Length: > 0 } type ? type : "application/octet-stream",
            StorageClass = request.GetHeader("x-oss-storage-class") is string sc ? NormalizeStorageClass(sc, "x-oss-storage-class") : bucket.Document.StorageClass,
            Acl = ParseObjectAcl(request) ?? "default",
            Tagging = request.GetHeader("x-oss-tagging"),
        };

        foreach (string name in StandardHeaders)
        {
            if (request.GetHeader(name) is string value)
            {
                attributes.StandardHeaders[name] = value;
            }
        }

        foreach (KeyValuePair<string, string> header in request.HeaderPairs())
        {
            if (header.Key.StartsWith("x-oss-meta-", StringComparison.OrdinalIgnoreCase))
            {
                string name = header.Key.ToLowerInvariant();
                attributes.UserMetadata[name] = attributes.UserMetadata.TryGetValue(name, out string? existing) ? existing + "," + header.Value : header.Value;
            }
        }

        if (request.GetHeader("x-oss-server-side-encryption") is string sse)
        {
            string algorithm = EncryptionAlgorithms.FirstOrDefault(a => string.Equals(a, sse.Trim(), StringComparison.Ordinal))
                ?? throw OssErrors.InvalidArgument("Unsupported server-side encryption '" + sse + "'.", "x-oss-server-side-encryption", sse);
            attributes.Encryption["x-oss-server-side-encryption"] = algorithm;
            if (algorithm == "KMS")
            {
                attributes.Encryption["x-oss-server-side-encryption-key-id"] = request.GetHeader("x-oss-server-side-encryption-key-id") ?? "emulator-kms-key";
                if (request.GetHeader("x-oss-server-side-data-encryption") is string data)
                {
                    attributes.Encryption["x-oss-server-side-data-encryption"] = data;
                }
            }
        }

        return attributes;
    }

    /// <summary>Reads a small XML request body (Complete, Delete, PutBucket), checking Content-MD5.</summary>
    public static async Task<byte[]> ReadSmallBodyAsync(OssRequest request)
    {
        long? declared = request.Context.Request.ContentLength;
        if (declared > MaxXmlBody)
        {
            throw OssErrors.EntityTooLarge(declared.Value, MaxXmlBody);
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16384];
        Stream body = request.Context.Request.Body;
        int read;
        while ((read = await body.ReadAsync(chunk, request.Context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxXmlBody)
            {
                throw OssErrors.EntityTooLarge(buffer.Length, MaxXmlBody, whileReading: true);
            }
        }

        byte[] bytes = buffer.ToArray();
        byte[]? expected = ParseContentMd5(request);
        CheckContentMd5(request, expected, MD5.HashData(bytes));
        return bytes;
    }

    /// <summary>Parses an XML body safely (no DTD, no external entities); MalformedXML on failure.</summary>
    public static XDocument ParseXml(byte[] body, string expectedRoot)
    {
        if (body.Length == 0)
        {
            throw OssErrors.MalformedXml("The request body is empty.");
        }

        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            XDocument document = XDocument.Load(reader);
            if (document.Root is null || document.Root.Name.LocalName != expectedRoot)
            {
                throw OssErrors.MalformedXml("The root element must be " + expectedRoot + ".");
            }

            return document;
        }
        catch (XmlException ex)
        {
            throw new ErrorResponseException(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.", "0099-00000014", ex);
        }
    }

    /// <summary>Parses max-keys / max-parts / max-uploads: an integer within 1..1000.</summary>
    public static int ParseLimit(OssRequest request, string name, int defaultValue)
    {
        string? text = request.GetQuery(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) || value < 1 || value > 1000)
        {
            throw OssErrors.InvalidArgument("Argument " + name + " must be an integer between 1 and 1000.", name, text);
        }

        return value;
    }

    private static string? ParseChoice(OssRequest request, string header, string[] choices)
    {
        string? value = request.GetHeader(header);
        if (value is null)
        {
            return null;
        }

        return choices.FirstOrDefault(c => string.Equals(c, value.Trim(), StringComparison.Ordinal))
            ?? throw OssErrors.InvalidArgument("Invalid value '" + value + "' for " + header + ".", header, value);
    }
}
