using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>Reads a (small) response body with a size cap, under the attempt's idle watchdog.</summary>
internal static class ResponseBody
{
    public static async Task<(byte[] Body, int Length)> ReadAsync(
        HttpResponseMessage response, int maxBytes, bool failWhenLarger, IdleWatchdog watchdog, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return (Array.Empty<byte>(), 0);
        }

        // Some stream implementations ignore the token; disposing the response unblocks them.
        using var registration = cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
        using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var buffer = new byte[(int)Math.Min(maxBytes, Math.Max(response.Content.Headers.ContentLength ?? 8192, 1) + 1)];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= maxBytes)
                {
                    if (failWhenLarger)
                    {
                        throw new InvalidDataException("The response body is larger than " + maxBytes + " bytes.");
                    }

                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min(maxBytes, (long)buffer.Length * 2));
            }

            int read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            watchdog.Reset();
        }

        return (buffer, length);
    }
}
