using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>Builds the XML body of CompleteMultipartUpload (UTF-8 without BOM, no declaration).</summary>
internal static class CompleteMultipartUploadBody
{
    public static byte[] Build(IReadOnlyList<CompletedPart> parts)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            OmitXmlDeclaration = true,
            Indent = false,
        };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            writer.WriteStartElement("CompleteMultipartUpload");
            foreach (var part in parts)
            {
                writer.WriteStartElement("Part");
                writer.WriteElementString("PartNumber", part.PartNumber.ToString(CultureInfo.InvariantCulture));
                writer.WriteElementString("ETag", Quote(part.ETag.Trim()));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return buffer.ToArray();
    }

    private static string Quote(string eTag) => eTag.StartsWith("\"", System.StringComparison.Ordinal) ? eTag : "\"" + eTag + "\"";
}
