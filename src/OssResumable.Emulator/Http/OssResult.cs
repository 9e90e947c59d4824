using System;
using System.Collections.Generic;
using System.Globalization;

namespace OssResumable.Emulator.Http;

/// <summary>
/// A successful operation's answer, built before anything is sent so that faults can still change
/// or drop it: status, headers, and either an XML body or a (leased) object body.
/// </summary>
internal sealed class OssResult : IDisposable
{
    public const string CrcHeader = "x-oss-hash-crc64ecma";

    public OssResult(int statusCode = 200)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }

    public List<(string Name, string Value)> Headers { get; } = new();

    public byte[]? Body { get; private set; }

    public ObjectBody? ObjectBody { get; init; }

    /// <summary>For HEAD: the Content-Length to announce without a body.</summary>
    public long? HeadContentLength { get; init; }

    public static OssResult Xml(byte[] body)
    {
        var result = new OssResult(200) { Body = body };
        result.Headers.Add(("Content-Type", "application/xml"));
        return result;
    }

    public OssResult With(string name, string? value)
    {
        if (value is not null)
        {
            Headers.Add((name, value));
        }

        return this;
    }

    public OssResult WithCrc(ulong crc) => With(CrcHeader, crc.ToString(CultureInfo.InvariantCulture));

    /// <summary>Corrupt-CRC fault: replace the CRC header with a different (wrong) value.</summary>
    public void CorruptCrc()
    {
        for (int i = 0; i < Headers.Count; i++)
        {
            if (string.Equals(Headers[i].Name, CrcHeader, StringComparison.OrdinalIgnoreCase) &&
                ulong.TryParse(Headers[i].Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong crc))
            {
                Headers[i] = (CrcHeader, (crc ^ 0x8000_0000_0000_0001UL).ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    public void Dispose() => ObjectBody?.Dispose();
}
