using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using OssResumable.Core.Signing;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// Namespace-tolerant XML reading: OSS bodies may or may not carry an <c>xmlns</c>, so elements are
/// matched by local name. DTDs are refused (no entity expansion from a hostile server).
/// </summary>
internal static class OssXml
{
    public static XElement LoadRoot(byte[] body, int count)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        using var stream = new MemoryStream(body, 0, count, writable: false);
        using var reader = XmlReader.Create(stream, settings);
        var document = XDocument.Load(reader, LoadOptions.None);
        return document.Root ?? throw new XmlException("The XML document has no root element.");
    }

    public static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static string? Text(XElement parent, string localName) => Child(parent, localName)?.Value;

    public static string RequiredText(XElement parent, string localName) =>
        Text(parent, localName) ?? throw new XmlException("The <" + parent.Name.LocalName + "> element has no <" + localName + "> element.");

    /// <summary>Reads a key-like element, URL-decoding it when the response says <c>EncodingType=url</c>.</summary>
    public static string? KeyText(XElement parent, string localName, bool urlEncoded)
    {
        string? value = Text(parent, localName);
        return value is null || !urlEncoded ? value : OssUriEncoder.Decode(value);
    }

    public static bool IsUrlEncoded(XElement root) =>
        string.Equals(Text(root, "EncodingType")?.Trim(), "url", StringComparison.OrdinalIgnoreCase);

    public static bool Boolean(XElement parent, string localName) =>
        string.Equals(Text(parent, localName)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public static long Int64(XElement parent, string localName)
    {
        string text = RequiredText(parent, localName).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new XmlException("<" + localName + "> is not a whole number: '" + text + "'.");
    }

    public static int Int32(XElement parent, string localName)
    {
        long value = Int64(parent, localName);
        return value <= int.MaxValue ? (int)value : throw new XmlException("<" + localName + "> is out of range: " + value + ".");
    }

    public static ulong? UInt64OrNull(XElement parent, string localName)
    {
        string? text = Text(parent, localName)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new XmlException("<" + localName + "> is not an unsigned 64-bit number: '" + text + "'.");
    }

    public static DateTimeOffset Timestamp(XElement parent, string localName)
    {
        string text = RequiredText(parent, localName).Trim();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new XmlException("<" + localName + "> is not an ISO 8601 time: '" + text + "'.");
    }
}
