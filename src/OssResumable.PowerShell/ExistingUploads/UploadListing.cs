using System;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Configuration;

namespace OssResumable.PowerShell.ExistingUploads;

/// <summary>Get-OssMultipartUpload's work: follows every page and emits matching uploads as they arrive.</summary>
internal sealed class UploadListing
{
    private readonly IOssClient _client;
    private readonly ResolvedConnection _connection;
    private readonly string _bucket;
    private readonly string? _prefix;
    private readonly string? _key;
    private readonly TimeSpan? _olderThan;

    private UploadListing(IOssClient client, ResolvedConnection connection, string bucket, string? prefix, string? key, TimeSpan? olderThan)
    {
        _client = client;
        _connection = connection;
        _bucket = bucket;
        _prefix = prefix;
        _key = key;
        _olderThan = olderThan;
    }

    /// <summary>Validates the parameters and resolves the client (no request is sent).</summary>
    /// <param name="clients">The command's clients.</param>
    /// <param name="request">Connection parameters.</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">-Prefix or null.</param>
    /// <param name="key">-Key or null.</param>
    /// <param name="olderThan">-OlderThan or null.</param>
    /// <returns>The prepared listing.</returns>
    /// <exception cref="ArgumentException">Invalid names or combination.</exception>
    /// <exception cref="OssConfigurationException">No usable credentials or endpoint.</exception>
    public static UploadListing Prepare(ClientProvider clients, ConnectionRequest request, string bucket, string? prefix, string? key, TimeSpan? olderThan)
    {
        if (OssNames.DescribeBucketProblem(bucket) is string bucketProblem)
        {
            throw new ArgumentException("-Bucket: " + bucketProblem);
        }

        ValidateFilters(prefix, key);
        IOssClient client = clients.Get(request, out ResolvedConnection connection);
        return new UploadListing(client, connection, bucket, prefix, key, olderThan);
    }

    /// <summary>Checks -Prefix and -Key together (before any input: they are not bound from the pipeline).</summary>
    /// <param name="prefix">-Prefix or null.</param>
    /// <param name="key">-Key or null.</param>
    /// <exception cref="ArgumentException">Both are given, or the key is invalid.</exception>
    public static void ValidateFilters(string? prefix, string? key)
    {
        if (prefix is not null && key is not null)
        {
            throw new ArgumentException("Use -Key (one object's uploads) or -Prefix (every key starting with it), not both.");
        }

        if (key is not null && OssNames.DescribeKeyProblem(key) is string keyProblem)
        {
            throw new ArgumentException("-Key: " + keyProblem);
        }
    }

    /// <summary>Converts an engine summary to the output type (local time).</summary>
    /// <param name="upload">The summary.</param>
    /// <param name="connection">How the upload was listed (carried on, so the object can be piped to other cmdlets).</param>
    /// <returns>The output object.</returns>
    public static OssMultipartUpload ToOutput(MultipartUploadSummary upload, ResolvedConnection connection) =>
        new(upload.Bucket, upload.Key, upload.UploadId)
        {
            Initiated = upload.Initiated.LocalDateTime,
            Endpoint = connection.EndpointText,
            Region = connection.Options.Region,
            SignatureVersion = connection.SignatureVersionNumber,
            PathStyle = connection.ForcedPathStyle,
            StorageClass = upload.StorageClass,
        };

    /// <summary>Lists the uploads.</summary>
    /// <param name="nowUtc">The current time (the -OlderThan cut-off is computed once from it).</param>
    /// <param name="emit">Receives each upload (on a worker thread).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>A task that completes after the last page.</returns>
    public async Task RunAsync(DateTimeOffset nowUtc, Action<OssMultipartUpload> emit, CancellationToken cancellationToken)
    {
        var request = new ListMultipartUploadsRequest(_bucket) { Prefix = _key ?? _prefix };
        DateTimeOffset? cutoff = _olderThan is TimeSpan age ? nowUtc - age : null;
        await foreach (MultipartUploadSummary upload in _client.ListMultipartUploadsAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (_key is not null && !string.Equals(upload.Key, _key, StringComparison.Ordinal))
            {
                continue;
            }

            if (cutoff is DateTimeOffset limit && upload.Initiated >= limit)
            {
                continue;
            }

            emit(ToOutput(upload, _connection));
        }
    }
}
