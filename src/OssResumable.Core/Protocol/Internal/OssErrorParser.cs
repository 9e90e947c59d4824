using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// Turns an OSS error response into an <see cref="OssServiceException"/>: the XML body, or for HEAD
/// responses (which have no body) the base64 XML in the <c>x-oss-err</c> header.
/// </summary>
internal static class OssErrorParser
{
    private static readonly HashSet<string> KnownElements = new(StringComparer.Ordinal) { "Code", "Message", "RequestId", "HostId", "EC" };

    /// <summary>Builds the exception.</summary>
    /// <param name="statusCode">HTTP status.</param>
    /// <param name="body">Response body bytes (may be empty).</param>
    /// <param name="bodyLength">Number of valid bytes in <paramref name="body"/>.</param>
    /// <param name="errHeader">The <c>x-oss-err</c> header, or null.</param>
    /// <param name="headerRequestId">The <c>x-oss-request-id</c> header, or null.</param>
    /// <param name="headerEc">The <c>x-oss-ec</c> header, or null.</param>
    /// <param name="context">The request the error answers.</param>
    /// <returns>The exception (not thrown).</returns>
    public static OssServiceException Create(int statusCode, byte[] body, int bodyLength, string? errHeader, string? headerRequestId, string? headerEc, OssOperation context)
    {
        string code = string.Empty;
        string message = string.Empty;
        string? requestId = headerRequestId;
        string? hostId = null;
        string? ec = headerEc;
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        Exception? parseFailure = null;

        byte[] xml = body;
        int xmlLength = bodyLength;
        if (xmlLength == 0 && !string.IsNullOrEmpty(errHeader))
        {
            try
            {
                xml = Convert.FromBase64String(errHeader!.Trim());
                xmlLength = xml.Length;
            }
            catch (FormatException ex)
            {
                parseFailure = ex;
            }
        }

        if (xmlLength > 0 && parseFailure is null)
        {
            try
            {
                XElement root = OssXml.LoadRoot(xml, xmlLength);
                foreach (var element in root.Elements())
                {
                    if (!element.HasElements && !KnownElements.Contains(element.Name.LocalName))
                    {
                        details[element.Name.LocalName] = element.Value;
                    }
                }

                code = OssXml.Text(root, "Code")?.Trim() ?? string.Empty;
                message = OssXml.Text(root, "Message")?.Trim() ?? string.Empty;
                requestId = NullIfEmpty(OssXml.Text(root, "RequestId")?.Trim()) ?? requestId;
                hostId = NullIfEmpty(OssXml.Text(root, "HostId")?.Trim());
                ec = NullIfEmpty(OssXml.Text(root, "EC")?.Trim()) ?? ec;
            }
            catch (XmlException ex)
            {
                // A proxy or load balancer error page rather than OSS XML: keep a snippet as the message.
                parseFailure = ex;
                message = Snippet(xml, xmlLength);
            }
        }

        string text = FormatMessage(context, statusCode, code, message, requestId, ec);
        return new OssServiceException(text, statusCode, code, message, requestId, hostId, ec, details, context.Name, context.Bucket, context.Key, parseFailure);
    }

    private static string FormatMessage(OssOperation context, int statusCode, string code, string message, string? requestId, string? ec)
    {
        var builder = new StringBuilder();
        builder.Append(context.Name).Append(" failed: OSS returned HTTP ").Append(statusCode.ToString(CultureInfo.InvariantCulture));
        if (code.Length > 0)
        {
            builder.Append(' ').Append(code);
        }

        if (message.Length > 0)
        {
            builder.Append(": ").Append(message);
        }
        else if (code.Length == 0)
        {
            builder.Append(" without error details");
        }

        builder.Append(" (").Append(context.Describe());
        builder.Append(", RequestId ").Append(requestId ?? "unknown");
        if (!string.IsNullOrEmpty(ec))
        {
            builder.Append(", EC ").Append(ec);
        }

        return builder.Append(").").ToString();
    }

    private static string Snippet(byte[] body, int length)
    {
        const int MaxChars = 200;
        string text = Encoding.UTF8.GetString(body, 0, Math.Min(length, 4 * MaxChars)).Replace('\r', ' ').Replace('\n', ' ').Trim();
        return text.Length <= MaxChars ? text : text.Substring(0, MaxChars) + "...";
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
