using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace OssResumable.Emulator;

/// <summary>Start-up settings of an <see cref="OssEmulator"/>.</summary>
public sealed class EmulatorOptions
{
    /// <summary>
    /// Where buckets, objects and in-progress uploads are stored (created if missing; survives a
    /// restart). Null: a fresh temporary directory that is deleted when the emulator is disposed.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>TCP port on 127.0.0.1; 0 (default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Serve HTTPS (TLS 1.2/1.3, HTTP/1.1) instead of HTTP. With no <see cref="Certificate"/> the
    /// emulator uses its own self-signed certificate for 127.0.0.1, ::1, localhost and *.localhost,
    /// created once per data directory (<see cref="OssEmulator.CertificatePath"/>); clients trust it
    /// the way a private CA is trusted (the OS trust store; on Linux <c>SSL_CERT_FILE</c>/<c>SSL_CERT_DIR</c>).
    /// </summary>
    public bool Https { get; set; }

    /// <summary>The server certificate, with its private key, when <see cref="Https"/> is set; null: the emulator's own.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>The AccessKeys the emulator accepts. At least one is required.</summary>
    public IList<EmulatorCredential> Credentials { get; } = new List<EmulatorCredential>();

    /// <summary>Buckets to create at start (existing ones are kept as they are).</summary>
    public IList<string> Buckets { get; } = new List<string>();

    /// <summary>The region the emulator serves; V4 scopes must name it. Default <c>cn-hangzhou</c>.</summary>
    public string Region { get; set; } = "cn-hangzhou";

    /// <summary>
    /// Domain for virtual-hosted addressing: a request whose Host is <c>&lt;bucket&gt;.&lt;HostDomain&gt;</c>
    /// addresses that bucket; any other Host (an IP, <c>localhost</c>, ...) means path-style.
    /// Default <c>localhost</c>.
    /// </summary>
    public string HostDomain { get; set; } = "localhost";

    /// <summary>Initial offset of the emulator clock from real time (see <see cref="OssEmulator.ClockOffset"/>).</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>
    /// Fault rules active from the first request. A rule object belongs to one emulator (it keeps
    /// its counters); use fresh rules when starting another emulator from the same options.
    /// </summary>
    public IList<FaultRule> Faults { get; } = new List<FaultRule>();

    /// <summary>
    /// The network between clients and the emulator (bandwidth per connection, round trip, total
    /// bandwidth); <see cref="EmulatorLink.None"/> (default) is plain loopback. Change it while running
    /// with <see cref="OssEmulator.Link"/>.
    /// </summary>
    public EmulatorLink Link { get; set; } = EmulatorLink.None;

    /// <summary>
    /// Receives one Debug line per request (method, bucket/key, operation, status, error code,
    /// duration — never headers, query strings or secrets) and internal errors. Null: no logging.
    /// </summary>
    public ILogger? Logger { get; set; }

    /// <summary>Time source (tests may substitute one); default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
