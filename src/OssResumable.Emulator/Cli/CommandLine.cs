using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using OssResumable.Emulator.Tls;

namespace OssResumable.Emulator.Cli;

/// <summary>Parses the emulator command line into <see cref="EmulatorOptions"/>.</summary>
internal sealed class CommandLine
{
    public const string Usage = """
        OssResumable.Emulator - an OSS-compatible server on 127.0.0.1 for tests.

        Usage:
          dotnet run --project src/OssResumable.Emulator -c Release -- --port 0 --data DIR --access-key-id ID --access-key-secret SECRET [options]

        Required:
          --data DIR                  where buckets, objects and uploads are stored (kept across restarts)
          --access-key-id ID          the AccessKey ID clients sign with
          --access-key-secret SECRET  its secret

        Options:
          --port N                    TCP port on 127.0.0.1 (default 0 = pick a free port)
          --region REGION             region for V4 scopes (default cn-hangzhou)
          --host-domain DOMAIN        virtual-hosted domain: BUCKET.DOMAIN:PORT (default localhost)
          --bucket NAME               create this bucket at start (repeatable)
          --security-token TOKEN      make the key an STS credential that requires this token
          --token-expires TIME        ISO 8601 time after which the token is SecurityTokenExpired
          --clock-skew SECONDS        offset of the emulator clock from real time (may be negative)
          --fault SPEC                inject a fault (repeatable), e.g.
                                        op=UploadPart,part=2,action=error,status=503,code=ServiceUnavailable
                                        op=UploadPart,action=reset,bytes=65536
                                        op=CompleteMultipartUpload,action=drop-response
                                      actions: error reset delay throttle vanish corrupt-crc drop-response
          --link SPEC                 shape the network like a far region, e.g.
                                        per-connection=16MB/s,rtt=40ms,total=400MB/s
                                      (each part optional; rates in B/s KB/s MB/s GB/s KiB/s MiB/s GiB/s
                                      or kbit/s Mbit/s Gbit/s; change it later with PUT /_emulator/link)
          --https                     serve HTTPS (TLS) instead of HTTP, with the emulator's own certificate
                                      unless --certificate is given (see below)
          --certificate FILE          serve HTTPS with this certificate: PEM (key in the same file or in
                                      --certificate-key) or PKCS#12 (.pfx/.p12)
          --certificate-key FILE      the PEM private key of --certificate
          --certificate-password PW   the password of the PKCS#12 file or encrypted PEM key
          --verbose                   one line per request on stderr (never secrets)
          --help                      show this text

        The first line on stdout is "listening: http://127.0.0.1:PORT" once requests are accepted
        ("listening: https://..." with --https). Over HTTPS the second line is "certificate: PATH", the
        PEM file of the certificate served. Without --certificate that is the emulator's own self-signed
        certificate for 127.0.0.1, ::1, localhost and *.localhost: DATA/tls/certificate.pem, created once
        per data directory (key: DATA/tls/certificate.key.pem, owner-only) and reused while valid. Clients
        trust it like a private CA, e.g. on Linux SSL_CERT_FILE=PATH (.NET, OpenSSL, curl) or
        NODE_EXTRA_CA_CERTS=PATH (Node.js); never by switching certificate validation off.
        Admin API (no signature, loopback only): http(s)://127.0.0.1:PORT/_emulator/... (see docs/emulator.md).
        Exit codes: 0 stopped by Ctrl+C/SIGTERM, 1 start-up failure, 2 bad command line.
        """;

    private CommandLine(EmulatorOptions options, bool verbose, bool help, string? certificatePath = null)
    {
        Options = options;
        Verbose = verbose;
        Help = help;
        CertificatePath = certificatePath;
    }

    public EmulatorOptions Options { get; }

    /// <summary>The full path of <c>--certificate</c>, or null.</summary>
    public string? CertificatePath { get; }

    public bool Verbose { get; }

    public bool Help { get; }

    /// <exception cref="FormatException">The command line is invalid; the message says why.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        string? accessKeyId = null;
        string? secret = null;
        string? token = null;
        DateTimeOffset? tokenExpires = null;
        string? certificate = null;
        string? certificateKey = null;
        string? certificatePassword = null;
        bool verbose = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new FormatException("Option " + arg + " needs a value.");
                }

                return args[++i];
            }

            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    return new CommandLine(options, verbose, help: true);
                case "--port":
                    options.Port = ParseInt(arg, Value(), 0, 65535);
                    break;
                case "--data":
                    options.DataDirectory = Value();
                    break;
                case "--access-key-id":
                    accessKeyId = Value();
                    break;
                case "--access-key-secret":
                    secret = Value();
                    break;
                case "--security-token":
                    token = Value();
                    break;
                case "--token-expires":
                    string expires = Value();
                    tokenExpires = DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t)
                        ? t
                        : throw new FormatException("--token-expires needs an ISO 8601 time, e.g. 2030-01-01T00:00:00Z.");
                    break;
                case "--region":
                    options.Region = Value();
                    break;
                case "--host-domain":
                    options.HostDomain = Value();
                    break;
                case "--bucket":
                    options.Buckets.Add(Value());
                    break;
                case "--clock-skew":
                    string skew = Value();
                    options.ClockOffset = double.TryParse(skew, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && Math.Abs(seconds) < 1e9
                        ? TimeSpan.FromSeconds(seconds)
                        : throw new FormatException("--clock-skew needs a number of seconds.");
                    break;
                case "--fault":
                    options.Faults.Add(FaultRule.Parse(Value()));
                    break;
                case "--link":
                    options.Link = options.Link.IsNone ? EmulatorLink.Parse(Value()) : throw new FormatException("--link is given twice; write one SPEC, e.g. per-connection=16MB/s,rtt=40ms,total=400MB/s.");
                    break;
                case "--https":
                    options.Https = true;
                    break;
                case "--certificate":
                    certificate = Path.GetFullPath(Value());
                    options.Https = true;
                    break;
                case "--certificate-key":
                    certificateKey = Path.GetFullPath(Value());
                    break;
                case "--certificate-password":
                    certificatePassword = Value();
                    break;
                case "--verbose" or "-v":
                    verbose = true;
                    break;
                default:
                    throw new FormatException("Unknown argument '" + arg + "'.");
            }
        }

        if (options.DataDirectory is null)
        {
            throw new FormatException("--data DIR is required.");
        }

        if (accessKeyId is null || secret is null)
        {
            throw new FormatException("--access-key-id and --access-key-secret are required.");
        }

        if (tokenExpires is not null && token is null)
        {
            throw new FormatException("--token-expires needs --security-token.");
        }

        try
        {
            options.Credentials.Add(new EmulatorCredential(accessKeyId, secret, token, tokenExpires));
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        if (certificate is null && (certificateKey is not null || certificatePassword is not null))
        {
            throw new FormatException("--certificate-key and --certificate-password go with --certificate FILE.");
        }

        if (certificate is not null)
        {
            options.Certificate = CertificateFile.Load(certificate, certificateKey, certificatePassword);
        }

        return new CommandLine(options, verbose, help: false, certificate);
    }

    private static int ParseInt(string option, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new FormatException(option + " needs an integer within " + min.ToString(CultureInfo.InvariantCulture) + ".." + max.ToString(CultureInfo.InvariantCulture) + ".");
}
