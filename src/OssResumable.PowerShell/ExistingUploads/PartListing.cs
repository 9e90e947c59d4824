using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Configuration;

namespace OssResumable.PowerShell.ExistingUploads;

/// <summary>Get-OssUploadPart's work: follows every page of ListParts and emits parts as they arrive.</summary>
internal sealed class PartListing
{
    private readonly IOssClient _client;
    private readonly string _bucket;
    private readonly string _key;
    private readonly string _uploadId;

    private PartListing(IOssClient client, ResolvedConnection connection, string bucket, string key, string uploadId)
    {
        _client = client;
        Connection = connection;
        _bucket = bucket;
        _key = key;
        _uploadId = uploadId;
    }

    /// <summary>How the upload is reached (for error targets).</summary>
    public ResolvedConnection Connection { get; }

    /// <summary>Validates and resolves the client (no request is sent).</summary>
    /// <param name="clients">The command's clients.</param>
    /// <param name="request">Connection parameters.</param>
    /// <param name="bucket">Bucket.</param>
    /// <param name="key">Key.</param>
    /// <param name="uploadId">Upload id.</param>
    /// <returns>The prepared listing.</returns>
    public static PartListing Prepare(ClientProvider clients, ConnectionRequest request, string bucket, string key, string uploadId)
    {
        UploadTarget.Validate(bucket, key, uploadId);
        IOssClient client = clients.Get(request, out ResolvedConnection connection);
        return new PartListing(client, connection, bucket, key, uploadId);
    }

    /// <summary>Converts an engine part to the output type.</summary>
    /// <param name="bucket">Bucket.</param>
    /// <param name="key">Key.</param>
    /// <param name="uploadId">Upload id.</param>
    /// <param name="part">The part.</param>
    /// <returns>The output object.</returns>
    public static OssUploadPart ToOutput(string bucket, string key, string uploadId, ListedPart part) =>
        new(bucket, key, uploadId, part.PartNumber, part.Size, part.ETag, part.Crc64?.ToString(CultureInfo.InvariantCulture), part.LastModified.LocalDateTime);

    /// <summary>Lists the parts.</summary>
    /// <param name="emit">Receives each part (on a worker thread).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>A task that completes after the last page.</returns>
    public async Task RunAsync(Action<OssUploadPart> emit, CancellationToken cancellationToken)
    {
        await foreach (ListedPart part in _client.ListPartsAsync(_bucket, _key, _uploadId, cancellationToken).ConfigureAwait(false))
        {
            emit(ToOutput(_bucket, _key, _uploadId, part));
        }
    }
}
