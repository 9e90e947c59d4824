using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>A successful response during the attempt that produced it.</summary>
internal sealed class OssResponse
{
    /// <summary>Largest success body accepted (a ListParts page of 1000 parts is ~250 KB).</summary>
    public const int MaxXmlBytes = 16 * 1024 * 1024;

    public OssResponse(HttpResponseMessage message, UploadContent? upload, IdleWatchdog watchdog, OssOperation operation)
    {
        Message = message;
        Upload = upload;
        Watchdog = watchdog;
        Operation = operation;
    }

    public HttpResponseMessage Message { get; }

    /// <summary>The uploaded content of this attempt (CRC-64 of what was sent), or null.</summary>
    public UploadContent? Upload { get; }

    public IdleWatchdog Watchdog { get; }

    public OssOperation Operation { get; }

    public string? RequestId => ResponseHeaders.RequestId(Message);

    /// <summary>True when the caller took ownership of the response (GetObject).</summary>
    public bool Detached { get; private set; }

    public void Detach() => Detached = true;

    public async Task<XElement> ReadXmlAsync(CancellationToken cancellationToken)
    {
        var (body, length) = await ResponseBody.ReadAsync(Message, MaxXmlBytes, failWhenLarger: true, Watchdog, cancellationToken).ConfigureAwait(false);
        if (length == 0)
        {
            throw new System.Xml.XmlException("The response body is empty; an XML document was expected.");
        }

        return OssXml.LoadRoot(body, length);
    }

    /// <summary>Checks the CRC-64 OSS reported for an upload against the CRC-64 of the bytes sent.</summary>
    public ulong VerifyUploadCrc(int? partNumber)
    {
        var upload = Upload ?? throw new InvalidOperationException("The operation has no body.");
        if (!upload.Completed)
        {
            throw new System.IO.IOException("OSS answered before the whole body was sent.");
        }

        ulong? server = ResponseHeaders.Crc64(Message);
        if (server is not null && server.Value != upload.Crc64)
        {
            throw new OssChecksumMismatchException(Operation.Name, Operation.Bucket ?? string.Empty, Operation.Key ?? string.Empty, partNumber, upload.Crc64, server.Value, RequestId);
        }

        return upload.Crc64;
    }
}
