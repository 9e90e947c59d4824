using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;
using OssResumable.Emulator.Http;

namespace OssResumable.Emulator.Xml;

/// <summary>
/// Writes OSS response documents: <c>&lt;?xml version="1.0" encoding="UTF-8"?&gt;</c>, no namespace,
/// UTF-8 without BOM, empty elements as <c>&lt;X&gt;&lt;/X&gt;</c>. Text that XML 1.0 cannot carry
/// (most control characters) is refused with 400 InvalidArgument unless <c>sanitize</c>
/// is set (error documents), in which case such values are percent-encoded.
/// </summary>
internal sealed class XmlBuilder : IDisposable
{
    private static readonly byte[] Declaration = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    private readonly MemoryStream _stream = new();
    private readonly XmlWriter _writer;
    private readonly bool _sanitize;

    public XmlBuilder(string root, bool sanitize = false)
    {
        _sanitize = sanitize;
        _stream.Write(Declaration);
        _writer = XmlWriter.Create(_stream, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
            CheckCharacters = true,
        });
        _writer.WriteStartElement(root);
    }

    public static bool IsXmlSafe(string value)
    {
        foreach (char c in value)
        {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF')
            {
                return false;
            }
        }

        // Lone surrogates cannot be written either.
        return !value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') || IsWellFormedUtf16(value);
    }

    public XmlBuilder Element(string name, string? value)
    {
        string text = value ?? string.Empty;
        if (!IsXmlSafe(text))
        {
            if (!_sanitize)
            {
                throw OssErrors.InvalidArgument(
                    "The response would contain characters that XML 1.0 cannot represent; request it with encoding-type=url.",
                    "encoding-type",
                    string.Empty);
            }

            text = OssResumable.Core.Signing.OssUriEncoder.Encode(text, keepSlash: true);
        }

        _writer.WriteStartElement(name);
        _writer.WriteString(text);
        _writer.WriteFullEndElement();
        return this;
    }

    public XmlBuilder Element(string name, long value) => Element(name, value.ToString(CultureInfo.InvariantCulture));

    public XmlBuilder Element(string name, ulong value) => Element(name, value.ToString(CultureInfo.InvariantCulture));

    public XmlBuilder Element(string name, bool value) => Element(name, value ? "true" : "false");

    public XmlBuilder Element(string name, DateTimeOffset value) => Element(name, OssErrors.Iso(value));

    /// <summary>Text directly inside the current element (e.g. LocationConstraint).</summary>
    public XmlBuilder Text(string value)
    {
        _writer.WriteString(value);
        return this;
    }

    public XmlBuilder Start(string name)
    {
        _writer.WriteStartElement(name);
        return this;
    }

    public XmlBuilder End()
    {
        _writer.WriteFullEndElement();
        return this;
    }

    public byte[] ToArray()
    {
        _writer.WriteEndDocument();
        _writer.Flush();
        return _stream.ToArray();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
