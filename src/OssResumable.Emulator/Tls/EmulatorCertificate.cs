using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OssResumable.Emulator.Tls;

/// <summary>
/// The emulator's own TLS certificate: self-signed, RSA 2048, for <c>127.0.0.1</c>, <c>::1</c>,
/// <c>localhost</c>, <c>*.localhost</c> and the virtual-hosted domain, valid for a year. It is an
/// end-entity certificate (CA:false): whoever trusts it trusts only these loopback names, and its
/// key, which lies in the data directory, cannot sign a certificate for any other host. It is
/// created once per data directory (<c>DATA/tls/</c>) and reused while it names the host domain and
/// stays valid for 30 more days, so a client that was told to trust it keeps trusting it across
/// restarts of the emulator.
/// </summary>
internal static class EmulatorCertificate
{
    public const string DirectoryName = "tls";
    public const string CertificateFileName = "certificate.pem";
    public const string KeyFileName = "certificate.key.pem";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    /// <summary>Loads the data directory's certificate, or creates (and saves) a new one.</summary>
    /// <returns>The certificate with its private key, and the path of its PEM file (public part).</returns>
    public static (X509Certificate2 Certificate, string Path) LoadOrCreate(string dataDirectory, string hostDomain, DateTimeOffset now)
    {
        string directory = Path.Combine(dataDirectory, DirectoryName);
        string certificatePath = Path.Combine(directory, CertificateFileName);
        string keyPath = Path.Combine(directory, KeyFileName);
        if (TryLoad(certificatePath, keyPath, hostDomain, now) is X509Certificate2 existing)
        {
            return (existing, certificatePath);
        }

        Directory.CreateDirectory(directory);
        using RSA key = RSA.Create(2048);
        using X509Certificate2 created = CreateSelfSigned(key, hostDomain, now);

        // The key first: a crash between the two writes leaves a pair that does not match, which
        // the next start replaces.
        WriteFile(keyPath, key.ExportPkcs8PrivateKeyPem(), ownerOnly: true);
        WriteFile(certificatePath, created.ExportCertificatePem(), ownerOnly: false);
        return (WithPersistableKey(created), certificatePath);
    }

    /// <summary>A new certificate (not saved), e.g. for tests that need one before any emulator starts.</summary>
    public static X509Certificate2 Create(string hostDomain, DateTimeOffset now)
    {
        using RSA key = RSA.Create(2048);
        using X509Certificate2 created = CreateSelfSigned(key, hostDomain, now);
        return WithPersistableKey(created);
    }

    /// <summary>
    /// Re-imports a certificate with its key through PKCS#12: a key created in memory or read from
    /// PEM is ephemeral, which SslStream cannot use on Windows.
    /// </summary>
    public static X509Certificate2 WithPersistableKey(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);

    private static X509Certificate2 CreateSelfSigned(RSA key, string hostDomain, DateTimeOffset now)
    {
        var request = new CertificateRequest("CN=OssResumable emulator (loopback only)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (string dnsName in new[] { "localhost", "*.localhost", hostDomain, "*." + hostDomain }.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            names.AddDnsName(dnsName);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication") }, critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // A day of slack on both clocks: a client a little behind must not see "not yet valid".
        return request.CreateSelfSigned(now.AddDays(-1), now + Lifetime);
    }

    private static X509Certificate2? TryLoad(string certificatePath, string keyPath, string hostDomain, DateTimeOffset now)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            return null;
        }

        try
        {
            using X509Certificate2 loaded = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            bool namesHost = loaded.Extensions.OfType<X509SubjectAlternativeNameExtension>()
                .SelectMany(e => e.EnumerateDnsNames())
                .Contains(hostDomain, StringComparer.OrdinalIgnoreCase);
            bool current = loaded.NotBefore.ToUniversalTime() <= now.UtcDateTime && loaded.NotAfter.ToUniversalTime() > (now + RenewBefore).UtcDateTime;
            return namesHost && current ? WithPersistableKey(loaded) : null;
        }
        catch (CryptographicException)
        {
            // Unreadable or a key that does not match: make a new pair.
            return null;
        }
    }

    private static void WriteFile(string path, string text, bool ownerOnly)
    {
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var writer = new StreamWriter(new FileStream(temp, options)))
            {
                writer.Write(text);
                writer.Write('\n');
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            Storage.StoreFiles.TryDelete(temp);
            throw;
        }
    }
}
