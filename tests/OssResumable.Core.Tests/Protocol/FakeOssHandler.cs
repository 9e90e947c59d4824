using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Tests.Protocol;

/// <summary>A request as the transport received it (request and content headers merged).</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}

/// <summary>
/// Transport double for unit tests of the client's HTTP behaviour: it drains the request body (which
/// drives CRC and progress), records the request and answers from a script.
/// </summary>
internal sealed class FakeOssHandler : HttpMessageHandler
{
    private readonly Func<CapturedRequest, int, CancellationToken, Task<HttpResponseMessage>> _respond;
    private int _count;

    public FakeOssHandler(Func<CapturedRequest, int, HttpResponseMessage> respond)
        : this((request, index, _) => Task.FromResult(respond(request, index)))
    {
    }

    public FakeOssHandler(Func<CapturedRequest, int, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        _respond = respond;
    }

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    public IReadOnlyList<CapturedRequest> RequestList => Requests.ToList();

    public static HttpResponseMessage Response(HttpStatusCode status, string? xml = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new ByteArrayContent(xml is null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(xml)),
        };
        if (xml is not null)
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/xml");
        }

        response.Headers.TryAddWithoutValidation("x-oss-request-id", "5C3D9778CC1C2AEDF85B0001");
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    public static string ErrorXml(string code, string message = "message", string? ns = null) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error" + (ns is null ? string.Empty : " xmlns=\"" + ns + "\"") + "><Code>" + code +
        "</Code><Message>" + message + "</Message><RequestId>5C3D9778CC1C2AEDF85B0002</RequestId><HostId>b.oss.example</HostId><EC>0048-00000001</EC></Error>";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in request.Headers.NonValidated)
        {
            headers.Add(new(header.Key, header.Value.ToString()));
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers.NonValidated)
            {
                headers.Add(new(header.Key, header.Value.ToString()));
            }
        }

        var captured = new CapturedRequest(request.Method, request.RequestUri!, headers, body);
        Requests.Enqueue(captured);
        int index = Interlocked.Increment(ref _count) - 1;
        var response = await _respond(captured, index, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
