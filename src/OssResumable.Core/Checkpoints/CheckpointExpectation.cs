using System;
using System.Collections.Generic;
using OssResumable.Core.Files;

namespace OssResumable.Core.Checkpoints;

/// <summary>The current situation a loaded checkpoint is checked against before it is resumed.</summary>
internal sealed class CheckpointExpectation
{
    /// <summary>Describes the upload being requested now.</summary>
    /// <param name="source">A snapshot of the source file taken now.</param>
    /// <param name="endpoint">The endpoint to be used now.</param>
    /// <param name="bucket">The destination bucket.</param>
    /// <param name="key">The destination object key.</param>
    /// <param name="requestedPartSize">
    /// The part size the caller asked for, or <see langword="null"/> when it is automatic; then the
    /// checkpoint's part size is accepted as long as it is still valid for the file.
    /// </param>
    /// <param name="objectHeaders">The object headers requested now (allow-listed, see <see cref="CheckpointHeaders"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentException">A header is not allowed.</exception>
    public CheckpointExpectation(
        SourceSnapshot source,
        string endpoint,
        string bucket,
        string key,
        long? requestedPartSize,
        IEnumerable<KeyValuePair<string, string>>? objectHeaders)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        Endpoint = endpoint ?? string.Empty;
        Bucket = bucket ?? string.Empty;
        Key = key ?? string.Empty;
        RequestedPartSize = requestedPartSize;
        ObjectHeaders = CheckpointHeaders.Normalize(objectHeaders);
    }

    /// <summary>A snapshot of the source file taken now.</summary>
    public SourceSnapshot Source { get; }

    /// <summary>The endpoint to be used now.</summary>
    public string Endpoint { get; }

    /// <summary>The destination bucket.</summary>
    public string Bucket { get; }

    /// <summary>The destination object key.</summary>
    public string Key { get; }

    /// <summary>The requested part size, or <see langword="null"/> for automatic.</summary>
    public long? RequestedPartSize { get; }

    /// <summary>The object headers requested now, lowercase names, sorted.</summary>
    public IReadOnlyDictionary<string, string> ObjectHeaders { get; }
}
