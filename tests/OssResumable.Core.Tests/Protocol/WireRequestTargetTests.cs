using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

/// <summary>
/// Checks what actually goes on the wire: a raw TCP listener on loopback records the request line,
/// so any rewriting by System.Uri or HttpClient would show up here.
/// </summary>
public class WireRequestTargetTests
{
    [Theory]
    [InlineData("a/../b", "/bucket/a%2F..%2Fb")]
    [InlineData("a\\b", "/bucket/a%5Cb")]
    [InlineData("%2F", "/bucket/%252F")]
    [InlineData("..", "/bucket/%2E%2E")]
    [InlineData("x/./y", "/bucket/x%2F.%2Fy")]
    [InlineData("sp ace+plus", "/bucket/sp%20ace%2Bplus")]
    public async Task DeleteObject_TrickyKey_RequestTargetOnWireIsExact(string key, string expectedTarget)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var serverTask = ServeOneAsync(listener, timeout.Token);

        var options = new OssClientOptions { Endpoint = new Uri("http://127.0.0.1:" + port), SignatureVersion = OssSignatureVersion.V1, MaxRetries = 0 };
        using var client = new OssClient(options, new OssCredentials("ak", "sk"));
        await client.DeleteObjectAsync("bucket", key, timeout.Token);

        string head = await serverTask;
        string requestLine = head.Substring(0, head.IndexOf("\r\n", StringComparison.Ordinal));
        Assert.Equal("DELETE " + expectedTarget + " HTTP/1.1", requestLine);
    }

    private static async Task<string> ServeOneAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        using var socket = await listener.AcceptSocketAsync(cancellationToken);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        byte[] response = Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\nx-oss-request-id: 0123456789ABCDEF01234567\r\n\r\n");
        await socket.SendAsync(response, SocketFlags.None, cancellationToken);
        socket.Shutdown(SocketShutdown.Both);
        return received.ToString();
    }
}
