using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OssResumable.Emulator.Http;
using OssResumable.Emulator.Link;
using OssResumable.Emulator.Operations;
using OssResumable.Emulator.Storage;
using OssResumable.Emulator.Tls;

namespace OssResumable.Emulator;

/// <summary>
/// An OSS-compatible server on 127.0.0.1 for tests (think Azurite): V1/V4/presigned/STS
/// authentication, path-style and virtual-hosted addressing, the multipart upload operations,
/// PutObject/GetObject/HeadObject and listings, persistent storage, and fault injection.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await OssEmulator.StartAsync(new EmulatorOptions
/// {
///     DataDirectory = dir,
///     Credentials = { new EmulatorCredential("ak", "sk") },
///     Buckets = { "bucket" },
/// });
/// Uri endpoint = emulator.Endpoint;                              // http://127.0.0.1:PORT
/// emulator.Faults.Add("op=UploadPart,action=error,status=503,code=ServiceUnavailable");
/// emulator.ClockOffset = TimeSpan.FromMinutes(20);
/// </code>
/// </example>
public sealed partial class OssEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorRuntime _runtime;
    private readonly string? _temporaryDirectory;
    private int _stopped;

    private OssEmulator(WebApplication app, EmulatorRuntime runtime, int port, string? temporaryDirectory, X509Certificate2? certificate, string? certificatePath)
    {
        _app = app;
        _runtime = runtime;
        _temporaryDirectory = temporaryDirectory;
        Port = port;
        Certificate = certificate;
        CertificatePath = certificatePath;
        Endpoint = new Uri(Scheme + "://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The path-style endpoint, <c>http://127.0.0.1:PORT</c> (<c>https://</c> with <see cref="EmulatorOptions.Https"/>).</summary>
    public Uri Endpoint { get; }

    /// <summary>The TCP port the emulator listens on.</summary>
    public int Port { get; }

    /// <summary><c>https</c> when serving TLS, else <c>http</c>.</summary>
    public string Scheme => Certificate is null ? "http" : "https";

    /// <summary>The certificate served over HTTPS (with its private key), or null over HTTP.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>
    /// The PEM file of the emulator's own certificate (public part only) when it serves HTTPS with
    /// it: <c>DATA/tls/certificate.pem</c>. Give this file to clients as a trusted certificate
    /// (e.g. <c>SSL_CERT_FILE</c>). Null over HTTP or with a certificate from <see cref="EmulatorOptions.Certificate"/>.
    /// </summary>
    public string? CertificatePath { get; }

    /// <summary>The region V4 signatures must be scoped to.</summary>
    public string Region => _runtime.Region;

    /// <summary>The virtual-hosted domain (<c>bucket.HostDomain:PORT</c>).</summary>
    public string HostDomain => _runtime.HostDomain;

    /// <summary>The directory holding the stored data.</summary>
    public string DataDirectory => _runtime.Store.DataDirectory;

    /// <summary>The fault rules; add or remove at any time.</summary>
    public FaultRuleCollection Faults => _runtime.Faults;

    /// <summary>
    /// Offset of the emulator clock from real time. The emulator's "now" (time-window checks, the
    /// <c>Date</c> response header, Last-Modified, token expiry) is real UTC time plus this offset,
    /// so setting it to 20 minutes makes correctly-timed clients fail with <c>RequestTimeTooSkewed</c>.
    /// </summary>
    public TimeSpan ClockOffset
    {
        get => _runtime.Clock.Offset;
        set => _runtime.Clock.Offset = value;
    }

    /// <summary>
    /// The link model: per-connection bandwidth, round trip and total bandwidth between clients and
    /// the emulator. Set it at any time; open connections follow from their next bytes on (a
    /// connection opened before a round trip was set does not pay the handshake round trip).
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to null (use <see cref="EmulatorLink.None"/>).</exception>
    public EmulatorLink Link
    {
        get => _runtime.Link.Link;
        set => _runtime.Link.Link = value;
    }

    /// <summary>The interval of the timeline's samples (<see cref="GetTimeline"/>): 100 ms.</summary>
    public static TimeSpan TimelineInterval { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The emulator's current time (real time plus <see cref="ClockOffset"/>).</summary>
    public DateTimeOffset UtcNow => _runtime.Clock.UtcNow;

    /// <summary>Starts an emulator and returns once it accepts requests.</summary>
    /// <param name="options">Start-up settings.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="IOException">The port is taken or the data directory is unusable.</exception>
    public static async Task<OssEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        string? temporary = options.DataDirectory is null
            ? Path.Combine(Path.GetTempPath(), "oss-emulator-" + Guid.NewGuid().ToString("N"))
            : null;
        string dataDirectory = options.DataDirectory ?? temporary!;

        var store = new ObjectStore(dataDirectory);
        var clock = new EmulatorClock(options.TimeProvider, options.ClockOffset);
        foreach (string bucket in options.Buckets)
        {
            if (!store.TryGetBucket(bucket, out _))
            {
                store.CreateBucket(bucket, "Standard", "private", clock.UtcNow);
            }
        }

        var faults = new FaultRuleCollection();
        foreach (FaultRule rule in options.Faults)
        {
            faults.Add(rule);
        }

        var runtime = new EmulatorRuntime(store, clock, new CredentialStore(options.Credentials), faults, options.Link, options.Region, options.HostDomain, options.Logger);
        var pipeline = new RequestPipeline(runtime);
        X509Certificate2? certificate = options.Certificate;
        string? certificatePath = null;
        if (options.Https && certificate is null)
        {
            // Real time, not the emulator clock: clients check validity with their own clocks.
            (certificate, certificatePath) = EmulatorCertificate.LoadOrCreate(dataDirectory, options.HostDomain, options.TimeProvider.GetUtcNow());
        }
        else if (!options.Https)
        {
            certificate = null;
        }

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(OssEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => ConfigureKestrel(kestrel, options.Port, certificate, runtime.Link));
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        WebApplication app = builder.Build();
        app.Run(pipeline.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            runtime.Dispose();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        int port = new Uri(address).Port;
        return new OssEmulator(app, runtime, port, temporary, certificate, certificatePath);
    }

    /// <summary>The virtual-hosted endpoint of a bucket, <c>http(s)://bucket.HostDomain:PORT</c>.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <returns>The endpoint (the host must resolve to 127.0.0.1, or send it as the Host header).</returns>
    public Uri GetVirtualHostedEndpoint(string bucket) =>
        new(Scheme + "://" + bucket + "." + HostDomain + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Adds or replaces an accepted credential (by AccessKey ID).</summary>
    /// <param name="credential">The credential.</param>
    public void SetCredential(EmulatorCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _runtime.Credentials.Set(credential);
    }

    /// <summary>Stops accepting an AccessKey ID.</summary>
    /// <param name="accessKeyId">The AccessKey ID.</param>
    /// <returns>True when it was known.</returns>
    public bool RemoveCredential(string accessKeyId) => _runtime.Credentials.Remove(accessKeyId);

    /// <summary>Creates a bucket (Standard, private) unless it exists.</summary>
    /// <param name="name">A valid bucket name.</param>
    /// <returns>True when created.</returns>
    /// <exception cref="ArgumentException">Invalid bucket name.</exception>
    public bool CreateBucket(string name)
    {
        if (!RequestValidation.IsValidBucketName(name))
        {
            throw new ArgumentException("Invalid bucket name '" + name + "'.", nameof(name));
        }

        return !_runtime.Store.TryGetBucket(name, out _) && _runtime.Store.CreateBucket(name, "Standard", "private", UtcNow);
    }

    /// <summary>The bucket names, sorted.</summary>
    /// <returns>Bucket names.</returns>
    public IReadOnlyList<string> ListBuckets() => Inspection.BucketNames(_runtime.Store);

    /// <summary>All objects of a bucket in listing order.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <returns>The objects.</returns>
    /// <exception cref="KeyNotFoundException">No such bucket.</exception>
    public IReadOnlyList<EmulatorObjectInfo> ListObjects(string bucket) => Inspection.Objects(_runtime.Store, bucket);

    /// <summary>One object's metadata, or null when absent.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The object key.</param>
    /// <returns>The object or null.</returns>
    /// <exception cref="KeyNotFoundException">No such bucket.</exception>
    public EmulatorObjectInfo? GetObjectInfo(string bucket, string key) => Inspection.Object(_runtime.Store, bucket, key);

    /// <summary>Reads a whole object into memory (for small test objects).</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The object key.</param>
    /// <returns>The content.</returns>
    /// <exception cref="KeyNotFoundException">No such bucket or object.</exception>
    public byte[] ReadObject(string bucket, string key)
    {
        using var buffer = new MemoryStream();
        CopyObjectToAsync(bucket, key, buffer).GetAwaiter().GetResult();
        return buffer.ToArray();
    }

    /// <summary>Streams an object's content into <paramref name="destination"/> (for large objects).</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The object key.</param>
    /// <param name="destination">Where to write.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="KeyNotFoundException">No such bucket or object.</exception>
    public async Task<long> CopyObjectToAsync(string bucket, string key, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        BucketState state = Inspection.RequireBucket(_runtime.Store, bucket);
        ObjectRecord record = _runtime.Store.AcquireObject(state, key) ?? throw new KeyNotFoundException("No object '" + key + "' in bucket '" + bucket + "'.");
        using var body = new ObjectBody(state, record, 0, record.Document.Size);
        return await body.WriteToAsync(destination, 0, cancellationToken);
    }

    /// <summary>In-progress multipart uploads (of one bucket, or all), ordered by bucket, key, upload id.</summary>
    /// <param name="bucket">A bucket, or null for all.</param>
    /// <returns>The uploads with their parts.</returns>
    /// <exception cref="KeyNotFoundException">No such bucket.</exception>
    public IReadOnlyList<EmulatorUploadInfo> ListUploads(string? bucket = null) => Inspection.Uploads(_runtime.Store, bucket);

    /// <summary>Deletes an in-progress upload and its parts, as if it expired (later requests get <c>NoSuchUpload</c>).</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <returns>True when it existed.</returns>
    /// <exception cref="KeyNotFoundException">No such bucket.</exception>
    public bool RemoveUpload(string bucket, string uploadId)
    {
        BucketState state = Inspection.RequireBucket(_runtime.Store, bucket);
        return _runtime.Store.FindUpload(state, uploadId) is UploadRecord upload && _runtime.Store.TryAbort(upload);
    }

    /// <summary>Request counters since start or the last <see cref="ResetStatistics"/>.</summary>
    /// <returns>A snapshot.</returns>
    public EmulatorStatistics GetStatistics() => _runtime.Statistics.Snapshot();

    /// <summary>The number of requests for one operation so far.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The count.</returns>
    public long GetRequestCount(EmulatorOperation operation) => GetStatistics().GetRequestCount(operation);

    /// <summary>
    /// The timeline since start or the last <see cref="ResetStatistics"/>: one sample per
    /// <see cref="TimelineInterval"/>, the last hour at most, oldest first.
    /// </summary>
    /// <returns>The samples.</returns>
    public IReadOnlyList<EmulatorSample> GetTimeline() => _runtime.Timeline.Since(TimeSpan.MinValue);

    /// <summary>Zeroes the request counters, restarts the peaks from the present and clears the timeline.</summary>
    public void ResetStatistics() => _runtime.ResetStatistics();

    /// <summary>Stops listening (in-flight requests get up to 3 seconds) and releases the port.</summary>
    /// <param name="cancellationToken">Cancels waiting for in-flight requests.</param>
    /// <returns>A task that completes when stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    /// <summary>Stops the emulator; deletes the data directory if it was a temporary one.</summary>
    /// <returns>A task that completes when disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _runtime.Dispose();
        if (CertificatePath is not null)
        {
            // The emulator's own certificate object; one from the options belongs to the caller.
            Certificate?.Dispose();
        }

        if (_temporaryDirectory is not null)
        {
            try
            {
                Directory.Delete(_temporaryDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*[a-z0-9]$")]
    private static partial Regex RegionPattern();

    private static void Validate(EmulatorOptions options)
    {
        if (options.Credentials.Count == 0)
        {
            throw new ArgumentException("At least one credential is required.", nameof(options));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException("Port must be within 0..65535.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.Region) || !RegionPattern().IsMatch(options.Region))
        {
            throw new ArgumentException("Region must be like cn-hangzhou (lower-case letters, digits, '-').", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.HostDomain) || options.HostDomain.StartsWith('.') || options.HostDomain.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("HostDomain must be a host name such as localhost.", nameof(options));
        }

        if (options.Certificate is not null && (!options.Https || !options.Certificate.HasPrivateKey))
        {
            throw new ArgumentException(options.Https ? "The certificate needs its private key." : "A certificate is given but Https is not set.", nameof(options));
        }

        if (options.Link is null)
        {
            throw new ArgumentException("Link cannot be null; use EmulatorLink.None for plain loopback.", nameof(options));
        }

        string? badBucket = options.Buckets.FirstOrDefault(b => !RequestValidation.IsValidBucketName(b));
        if (badBucket is not null)
        {
            throw new ArgumentException("Invalid bucket name '" + badBucket + "'.", nameof(options));
        }
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, int port, X509Certificate2? certificate, LinkShaper link)
    {
        kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;

            // Before TLS: every accepted connection counts, failed handshakes included, and the
            // link model sees the bytes on the wire (TLS records and handshakes included).
            listen.Use(next => async connection =>
            {
                link.Statistics.CountConnection();
                link.Statistics.OpenConnection();
                IDuplexPipe transport = connection.Transport;
                connection.Transport = link.Wrap(transport, connection.Features.Get<IConnectionSocketFeature>()?.Socket);
                try
                {
                    await next(connection);
                }
                finally
                {
                    connection.Transport = transport;
                    link.Statistics.CloseConnection();
                }
            });
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        });
        kestrel.AddServerHeader = false;
        kestrel.AllowSynchronousIO = false;

        // Parts and objects go up to 5 GiB; the operations enforce OSS's limits themselves.
        kestrel.Limits.MaxRequestBodySize = null;

        // Throttle faults and slow clients must not be cut off by Kestrel's minimum data rates.
        kestrel.Limits.MinRequestBodyDataRate = null;
        kestrel.Limits.MinResponseDataRate = null;
        kestrel.Limits.MaxRequestLineSize = 64 * 1024;
        kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;

        // Header values (user metadata) are UTF-8 on the wire and are signed as such.
        kestrel.RequestHeaderEncodingSelector = _ => Encoding.UTF8;
        kestrel.ResponseHeaderEncodingSelector = _ => Encoding.UTF8;
    }
}
