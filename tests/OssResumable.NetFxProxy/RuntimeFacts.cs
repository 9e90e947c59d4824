using System;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace OssResumable.NetFxProxy;

/// <summary>What this runtime is and how its HTTP stack is set up, printed as TAP comments so a run's result can be read for what it is.</summary>
internal static class RuntimeFacts
{
    public static bool IsMono => Type.GetType("Mono.Runtime") is not null;

    public static string Describe()
    {
        var text = new StringBuilder();
        text.Append("runtime: ").Append(RuntimeInformation.FrameworkDescription).Append(" (CLR ").Append(Environment.Version).Append(')');

        text.Append('\n').Append("os: ").Append(RuntimeInformation.OSDescription).Append(", ").Append(RuntimeInformation.ProcessArchitecture);
        text.Append('\n').Append("ServicePointManager: DefaultConnectionLimit ").Append(ServicePointManager.DefaultConnectionLimit)
            .Append(", SecurityProtocol ").Append(ServicePointManager.SecurityProtocol);
        using (var handler = new HttpClientHandler())
        {
            text.Append('\n').Append("HttpClientHandler: ").Append(InnerHandlerName(handler)).Append(", MaxConnectionsPerServer ").Append(Describe(() => handler.MaxConnectionsPerServer));
        }

        return text.ToString();
    }

    // Mono's HttpClientHandler delegates to another handler chosen at run time; name it when it can be seen.
    private static string InnerHandlerName(HttpClientHandler handler)
    {
        // Mono 6.8's HttpClientHandler always delegates to SocketsHttpHandler (its CreateDefaultHandler
        // has no other branch); .NET Framework's is built on HttpWebRequest and ServicePoint.
        foreach (FieldInfo field in typeof(HttpClientHandler).GetFields(BindingFlags.NonPublic | BindingFlags.Instance))
        {
            if (field.FieldType.IsInterface && field.GetValue(handler) is object inner)
            {
                return inner.GetType().FullName + " (inside " + typeof(HttpClientHandler).FullName + ")";
            }
        }

        return typeof(HttpClientHandler).FullName!;
    }

    private static string Describe(Func<int> read)
    {
        try
        {
            return read().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PlatformNotSupportedException ex)
        {
            return "not supported (" + ex.Message + ")";
        }
        catch (NotImplementedException ex)
        {
            return "not implemented (" + ex.Message + ")";
        }
    }
}
