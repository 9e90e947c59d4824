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
        await stream.WriteAsync(Head(port, requestLine, headers, "Connection: close"));
        if (body is not null)
        {
            await stream.WriteAsync(body);
        }

        return await ReadResponseAsync(stream);
    }

    /// <summary>
    /// Sends a request with a chunked body of <paramref name="bodyLength"/> bytes (frames of
    /// <paramref name="frameSize"/> bytes) while reading the answer, and stops sending as soon as
    /// the answer has arrived (or the server closed the connection): a client that is told
    /// "too large" mid-body. Returns the answer and the body bytes that were sent.
    /// </summary>
    public static async Task<(Response Response, long BodyBytesSent)> SendChunkedAsync(
        int port, string requestLine, IEnumerable<KeyValuePair<string, string>> headers, long bodyLength, int frameSize)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        NetworkStream stream = tcp.GetStream();
        await stream.WriteAsync(Head(port, requestLine, headers, "Transfer-Encoding: chunked"));
        Task<Response> answer = ReadResponseAsync(stream);
        byte[] frame = Frame(frameSize);
        long sent = 0;
        try
        {
            while (sent < bodyLength && !answer.IsCompleted)
            {
                int size = (int)Math.Min(frameSize, bodyLength - sent);
                await stream.WriteAsync(size == frameSize ? frame : Frame(size));
                sent += size;
            }

            if (!answer.IsCompleted)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("0\r\n\r\n"));
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering; the answer is what matters.
        }

        return (await answer.WaitAsync(TimeSpan.FromMinutes(2)), sent);
    }

    // Request line, Host, the headers, a last header, and the empty line.
    private static byte[] Head(int port, string requestLine, IEnumerable<KeyValuePair<string, string>> headers, string lastHeader)
    {
        var text = new StringBuilder(requestLine).Append("\r\n").Append("Host: 127.0.0.1:").Append(port.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (KeyValuePair<string, string> header in headers)
        {
            text.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.Append(lastHeader).Append("\r\n\r\n").ToString());
    }

    // One chunk frame: size in hex, CRLF, the data (a fixed pattern), CRLF.
    private static byte[] Frame(int size)
    {
        byte[] prefix = Encoding.ASCII.GetBytes(size.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
        var frame = new byte[prefix.Length + size + 2];
        prefix.CopyTo(frame, 0);
        for (int i = 0; i < size; i++)
        {
            frame[prefix.Length + i] = (byte)(i * 7);
        }

        frame[^2] = (byte)'\r';
        frame[^1] = (byte)'\n';
        return frame;
    }

    private static async Task<Response> ReadResponseAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
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
