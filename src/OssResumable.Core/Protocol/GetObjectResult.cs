using System;
using System.IO;
using System.Net.Http;

namespace OssResumable.Core.Protocol;

/// <summary>
/// The response to a GetObject: the object's properties and a stream of its bytes. Dispose it to
/// release the connection. For whole-object reads with a reported CRC-64, the stream verifies the
/// CRC-64 and length at the end and throws <see cref="OssChecksumMismatchException"/> on a mismatch.
/// </summary>
public sealed class GetObjectResult : IDisposable
{
    private readonly HttpResponseMessage _response;

    internal GetObjectResult(HttpResponseMessage response, Stream content, HeadObjectResult properties, string? contentRange)
    {
        _response = response;
        Content = content;
        Properties = properties;
        ContentRange = contentRange;
    }

    /// <summary>The body (the object or the requested range). Read it once.</summary>
    public Stream Content { get; }

    /// <summary>
    /// The object's properties from the response headers. <see cref="HeadObjectResult.ContentLength"/>
    /// is the length of this response's body (the range length for ranged reads).
    /// </summary>
    public HeadObjectResult Properties { get; }

    /// <summary>The Content-Range header for ranged reads (e.g. <c>bytes 0-99/1000</c>), or null.</summary>
    public string? ContentRange { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }
}
