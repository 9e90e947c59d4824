using System;
using System.Collections.Generic;
using System.Globalization;
using OssResumable.Core.Protocol;

namespace OssResumable.PowerShell.Configuration;

/// <summary>
/// One client per distinct connection within one command (a pipeline of uploads from several
/// endpoints gets one connection pool each, a batch to one endpoint shares one). Disposed with the command.
/// </summary>
internal sealed class ClientProvider : IDisposable
{
    private readonly ConnectionResolver _resolver;
    private readonly Func<ResolvedConnection, IOssClient> _factory;
    private readonly Action<string> _verbose;
    private readonly Dictionary<string, IOssClient> _clients = new(StringComparer.Ordinal);
    private readonly bool _narrateRetries;
    private ConnectionRequest? _lastRequest;
    private (string?, string?, int?, bool?) _lastPipelineFields;
    private ResolvedConnection? _lastConnection;
    private IOssClient? _lastClient;

    /// <summary>Creates a provider.</summary>
    /// <param name="resolver">Resolves parameters into a connection.</param>
    /// <param name="factory">Creates a client (tests pass a fake); null for <see cref="OssClient"/>.</param>
    /// <param name="verbose">Receives verbose messages (connection choice, retries); must be thread-safe.</param>
    /// <param name="narrateRetries">Whether to narrate the clients' retries.</param>
    public ClientProvider(ConnectionResolver resolver, Func<ResolvedConnection, IOssClient>? factory, Action<string> verbose, bool narrateRetries = true)
    {
        _resolver = resolver;
        _verbose = verbose;
        _narrateRetries = narrateRetries;
        _factory = factory ?? (c => new OssClient(c.Options, c.Credentials.Credentials));
    }

    /// <summary>Resolves the connection and returns its client (created on first use).</summary>
    /// <param name="request">The connection parameters.</param>
    /// <param name="connection">The resolved connection.</param>
    /// <returns>The client.</returns>
    /// <exception cref="OssConfigurationException">The connection cannot be resolved.</exception>
    /// <exception cref="ArgumentException">The client refuses the options (e.g. V4 without a region for an IP endpoint).</exception>
    public IOssClient Get(ConnectionRequest request, out ResolvedConnection connection)
    {
        // A command passes the same request object for every file it sends (its connection parameters
        // are bound once): resolving the credential chain and the endpoint again would give the same
        // answer, so it is done once. A piped object's own endpoint changes the pipeline fields, which
        // are compared too, so such a request is resolved again.
        var pipelineFields = (request.PipelineEndpoint, request.PipelineRegion, request.PipelineSignatureVersion, request.PipelinePathStyle);
        if (ReferenceEquals(request, _lastRequest) && pipelineFields == _lastPipelineFields)
        {
            connection = _lastConnection!;
            return _lastClient!;
        }

        IOssClient resolved = Resolve(request, out connection);
        _lastRequest = request;
        _lastPipelineFields = pipelineFields;
        _lastConnection = connection;
        _lastClient = resolved;
        return resolved;
    }

    private IOssClient Resolve(ConnectionRequest request, out ResolvedConnection connection)
    {
        connection = _resolver.Resolve(request);
        string key = connection.ClientKey;
        if (_clients.TryGetValue(key, out IOssClient? client))
        {
            return client;
        }

        if (_narrateRetries)
        {
            connection.Options.RetryObserver = notice => _verbose(DescribeRetry(notice));
        }

        client = _factory(connection);
        _clients.Add(key, client);
        _verbose(connection.Describe());
        return client;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (IOssClient client in _clients.Values)
        {
            (client as IDisposable)?.Dispose();
        }

        _clients.Clear();
        _lastRequest = null;
        _lastConnection = null;
        _lastClient = null;
    }

    /// <summary>The verbose text for a retry.</summary>
    /// <param name="notice">The retry.</param>
    /// <returns>One line, without secrets (exception messages of the client never contain any).</returns>
    internal static string DescribeRetry(OssRetryNotice notice) => string.Format(
        CultureInfo.InvariantCulture,
        "Retrying {0}{1}: attempt {2} failed ({3}); next attempt in {4:0.0} s.",
        notice.Operation,
        notice.Bucket is null ? string.Empty : " of oss://" + notice.Bucket + "/" + notice.Key,
        notice.AttemptNumber,
        notice.Exception.Message,
        notice.Delay.TotalSeconds);
}
