using System.Net;
using System.Net.Http;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// Creates the client's own HTTP handler. The connection limit is set on this handler only —
/// never process-wide through ServicePointManager (on .NET Framework the default is 2 per host,
/// which would serialize parallel part uploads).
/// </summary>
internal static class OssHttpHandlerFactory
{
    public static HttpMessageHandler Create(int maxConnectionsPerServer, IWebProxy? proxy)
    {
#if NET8_0_OR_GREATER
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnectionsPerServer,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,

            // Recycle connections now and then so DNS changes of the endpoint are picked up.
            PooledConnectionLifetime = System.TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = System.TimeSpan.FromSeconds(50),
            ConnectTimeout = System.TimeSpan.FromSeconds(30),
        };
#else
        var handler = new HttpClientHandler
        {
            MaxConnectionsPerServer = maxConnectionsPerServer,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
#endif
        if (proxy is not null)
        {
            handler.Proxy = proxy;
            handler.UseProxy = true;
        }

        return handler;
    }
}
