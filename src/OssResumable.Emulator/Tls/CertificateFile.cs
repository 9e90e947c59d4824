using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OssResumable.Emulator.Tls;

/// <summary>Reads a server certificate with its private key given on the command line (<c>--certificate</c>).</summary>
internal static class CertificateFile
{
    /// <summary>
    /// PEM (<c>-----BEGIN CERTIFICATE-----</c>; the key in <paramref name="keyPath"/> or in the same
    /// file, encrypted when <paramref name="password"/> is given) or PKCS#12 (.pfx/.p12, password optional).
    /// </summary>
    /// <exception cref="FormatException">Unreadable, not a certificate, or without its private key; the message says what to give.</exception>
    public static X509Certificate2 Load(string path, string? keyPath, string? password)
    {
        try
        {
            bool pem = File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal);
            if (!pem && keyPath is not null)
            {
                throw new FormatException("--certificate-key goes with a PEM certificate; '" + path + "' is not PEM (a PKCS#12 file holds its own key).");
            }

            using X509Certificate2 loaded = pem
                ? password is null
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password);
            if (!loaded.HasPrivateKey)
            {
                throw new FormatException("The certificate '" + path + "' comes without its private key; give it with --certificate-key FILE (PEM) or use a PKCS#12 file.");
            }

            return EmulatorCertificate.WithPersistableKey(loaded);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new FormatException(
                "The certificate '" + path + "'" + (keyPath is null ? string.Empty : " with key '" + keyPath + "'") + " could not be read: " + ex.Message
                + " Give a PEM certificate (with --certificate-key FILE unless the key is in the same file) or a PKCS#12 file (--certificate-password if it has one).",
                ex);
        }
    }
}
