using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using OssResumable.Emulator.Tls;

namespace OssResumable.Integration.Tests.Tls;

/// <summary>
/// Makes this test process, and the driver processes it starts, trust one test certificate the way
/// an administrator makes a private CA trusted on Linux: <c>SSL_CERT_FILE</c> names a bundle that
/// includes it (plus the bundle SSL_CERT_FILE named before, if any; the default certificate
/// directory still applies). The HTTPS fixtures serve <see cref="Certificate"/>. Certificate
/// validation stays fully on: the client code under test is the production code, unchanged.
/// </summary>
/// <remarks>
/// .NET on Linux reads SSL_CERT_FILE with the C library's getenv when it first loads the trust
/// store, so the variable is set with setenv(3) as this assembly loads, before any TLS connection
/// exists. Environment.SetEnvironmentVariable alone does not reach getenv (checked on .NET 10: the
/// certificate stays untrusted); it is set too, so child processes inherit it.
/// </remarks>
internal static class TestCertificateTrust
{
    private static X509Certificate2? _certificate;
    private static string? _bundlePath;

    /// <summary>True on Linux, where SSL_CERT_FILE is how .NET (OpenSSL) takes extra trusted certificates.</summary>
    public static bool IsAvailable => _certificate is not null;

    /// <summary>The trusted certificate, with its private key (in memory only), for the HTTPS emulators.</summary>
    public static X509Certificate2 Certificate => _certificate ?? throw new PlatformNotSupportedException(Unavailable);

    /// <summary>The bundle SSL_CERT_FILE names.</summary>
    public static string BundlePath => _bundlePath ?? throw new PlatformNotSupportedException(Unavailable);

    private static string Unavailable =>
        "The over-HTTPS tests trust the emulator's certificate through SSL_CERT_FILE, which .NET honours on Linux only. Run them on Linux, "
        + "or leave them out with --filter \"FullyQualifiedName!~OverHttps&FullyQualifiedName!~Https\".";

    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "The trust store must be configured before the first TLS connection of the test process.")]
    [ModuleInitializer]
    internal static void Initialize()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        X509Certificate2 certificate = EmulatorCertificate.Create("localhost", DateTimeOffset.UtcNow);
        string directory = Path.Combine(Path.GetTempPath(), "ossr-it-trust-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        string bundle = Path.Combine(directory, "trusted.pem");
        string? previous = Environment.GetEnvironmentVariable("SSL_CERT_FILE");
        string inherited = previous is not null && File.Exists(previous) ? File.ReadAllText(previous) + "\n" : string.Empty;
        File.WriteAllText(bundle, inherited + certificate.ExportCertificatePem() + "\n");
        if (SetEnvironment("SSL_CERT_FILE", bundle, overwrite: 1) != 0)
        {
            throw new InvalidOperationException("setenv(SSL_CERT_FILE) failed with errno " + Marshal.GetLastPInvokeError() + ".");
        }

        Environment.SetEnvironmentVariable("SSL_CERT_FILE", bundle);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(directory);
        _certificate = certificate;
        _bundlePath = bundle;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp file left behind is harmless (a public certificate only).
        }
    }

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int SetEnvironment(string name, string value, int overwrite);
}
