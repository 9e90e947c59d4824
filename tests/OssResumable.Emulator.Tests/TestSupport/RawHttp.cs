using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace OssResumable.Emulator.Tests.TestSupport;

/// <summary>Sends hand-written HTTP/1.1 requests over a socket (for framing HttpClient will not produce).</summary>
public static class RawHttp
{
    public sealed record Response(int Status, Dictionary<string, string> Headers, string Body);

    public static async Task<Response> SendAsync(int port, string requestLine, IEnumerable<KeyValuePair<string, string>> headers, byte[]? body = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        NetworkStream stream = tcp.GetStream();
        var text = new StringBuilder(requestLine).Append("\r\n").Append("Host: 127.0.0.1:").Append(port.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (KeyValuePair<string, string> header in headers)
        {
            text.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        text.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()));
        if (body is not null)
        {
            await stream.WriteAsync(body);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        string statusLine = await reader.ReadLineAsync() ?? throw new IOException("No response.");
        int status = int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
        var responseHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? line;
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            responseHeaders[line[..colon]] = line[(colon + 1)..].Trim();
        }

        int length = responseHeaders.TryGetValue("Content-Length", out string? cl) ? int.Parse(cl, CultureInfo.InvariantCulture) : 0;
        var buffer = new char[length];
        int read = 0;
        while (read < length)
        {
            int n = await reader.ReadAsync(buffer.AsMemory(read, length - read));
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return new Response(status, responseHeaders, new string(buffer, 0, read));
    }
}
