using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Xml.Linq;

namespace OssResumable.Emulator.Tests.TestSupport;

/// <summary>A buffered response: status, all headers (content headers included) and body.</summary>
public sealed class OssResponse
{
    public OssResponse(HttpResponseMessage response, byte[] body)
    {
        Status = response.StatusCode;
        Body = body;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            Headers[header.Key] = string.Join(",", header.Value);
        }
    }

    public HttpStatusCode Status { get; }

    public byte[] Body { get; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    public XDocument Xml => XDocument.Parse(Text);

    /// <summary>The text of the first descendant element with this local name.</summary>
    public string? XmlValue(string localName) => Xml.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    public string? ErrorCode => Body.Length > 0 && Text.Contains("<Error>", StringComparison.Ordinal) ? XmlValue("Code") : null;

    public override string ToString() => (int)Status + " " + Text;
}
