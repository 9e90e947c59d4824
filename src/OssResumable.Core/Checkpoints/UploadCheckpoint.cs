using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// The resumable state of one multipart upload: where it goes, which upload ID it has, how the file
/// is split, what the file looked like when the upload began, and which parts the server has
/// acknowledged. It holds no credentials; there is no field that could hold one.
/// </summary>
/// <remarks>
/// Parts are recorded from many threads as they finish (<see cref="RecordCompletedPart"/> is
/// thread-safe); an <see cref="ICheckpointStore"/> persists the state. The file format is described in
/// docs/checkpoint-format.md.
/// </remarks>
public sealed class UploadCheckpoint
{
    private static long s_nextInstanceId;

    private readonly object _gate = new();
    private readonly SortedDictionary<int, StoredPart> _parts = new();
    private readonly UploadPlan _plan;
    private DateTime _updatedUtc;
    private long _revision;
    private long _completedBytes;

    /// <summary>Creates the checkpoint of a newly initiated multipart upload.</summary>
    /// <param name="endpoint">The OSS endpoint (e.g. <c>https://oss-cn-hangzhou.aliyuncs.com</c>); must not contain credentials.</param>
    /// <param name="bucket">The destination bucket.</param>
    /// <param name="key">The destination object key.</param>
    /// <param name="uploadId">The upload ID InitiateMultipartUpload returned.</param>
    /// <param name="plan">The multipart plan the upload follows.</param>
    /// <param name="source">The snapshot of the source file taken before the upload was planned.</param>
    /// <param name="objectHeaders">The object headers sent with InitiateMultipartUpload (allow-listed, see <see cref="CheckpointHeaders"/>).</param>
    /// <param name="connection">How the upload's requests are signed and addressed (region, signature version, path style), or null when unknown.</param>
    /// <exception cref="ArgumentException">An argument is empty or invalid, the endpoint carries credentials or a query, or a header is not allowed.</exception>
    public UploadCheckpoint(
        string endpoint,
        string bucket,
        string key,
        string uploadId,
        UploadPlan plan,
        SourceSnapshot source,
        IEnumerable<KeyValuePair<string, string>>? objectHeaders,
        CheckpointConnection? connection = null)
        : this(endpoint, bucket, key, uploadId, RequirePlan(plan, source), source, CheckpointHeaders.Normalize(objectHeaders), DateTime.UtcNow, null, Array.Empty<StoredPart>(), connection)
    {
    }

    internal UploadCheckpoint(
        string endpoint,
        string bucket,
        string key,
        string uploadId,
        UploadPlan plan,
        SourceSnapshot source,
        IReadOnlyDictionary<string, string> objectHeaders,
        DateTime createdUtc,
        DateTime? updatedUtc,
        IEnumerable<StoredPart> completedParts,
        CheckpointConnection? connection)
    {
        ValidateEndpoint(endpoint);
        RequireText(bucket, nameof(bucket), "The bucket cannot be empty.");
        RequireText(key, nameof(key), "The object key cannot be empty.");
        RequireText(uploadId, nameof(uploadId), "The upload ID cannot be empty.");

        Endpoint = endpoint;
        Connection = connection;
        Bucket = bucket;
        Key = key;
        UploadId = uploadId;
        _plan = plan;
        Source = source;
        ObjectHeaders = objectHeaders;
        CreatedUtc = ToUtc(createdUtc);
        _updatedUtc = ToUtc(updatedUtc ?? createdUtc);
        Identity = new CheckpointIdentity(source.FullPath, bucket, key);
        InstanceId = Interlocked.Increment(ref s_nextInstanceId);
        foreach (StoredPart part in completedParts)
        {
            if (_parts.ContainsKey(part.PartNumber))
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "Part {0} is recorded twice.", part.PartNumber),
                    nameof(completedParts));
            }

            ValidatePartAgainstPlan(part);
            _parts.Add(part.PartNumber, part);
            _completedBytes += part.Size;
        }
    }

    /// <summary>The OSS endpoint the upload was initiated through.</summary>
    public string Endpoint { get; }

    /// <summary>
    /// How the upload's requests were signed and addressed (region, signature version, path style), so a
    /// resume signs the same way; null for checkpoints written before this was recorded.
    /// </summary>
    public CheckpointConnection? Connection { get; }

    /// <summary>The destination bucket.</summary>
    public string Bucket { get; }

    /// <summary>The destination object key.</summary>
    public string Key { get; }

    /// <summary>The multipart upload ID.</summary>
    public string UploadId { get; }

    /// <summary>The part size in bytes (every part but the last has this size).</summary>
    public long PartSize => _plan.PartSize;

    /// <summary>The number of parts of the upload.</summary>
    public int PartCount => _plan.PartCount;

    /// <summary>The plan the upload follows (derived from the source length and part size).</summary>
    public UploadPlan Plan => _plan;

    /// <summary>The source file as it was when the upload began.</summary>
    public SourceSnapshot Source { get; }

    /// <summary>The object headers sent with InitiateMultipartUpload, lowercase names, sorted.</summary>
    public IReadOnlyDictionary<string, string> ObjectHeaders { get; }

    /// <summary>When the upload was initiated (UTC).</summary>
    public DateTime CreatedUtc { get; }

    /// <summary>When a part was last recorded or forgotten (UTC).</summary>
    public DateTime UpdatedUtc
    {
        get
        {
            lock (_gate)
            {
                return _updatedUtc;
            }
        }
    }

    /// <summary>Which upload this checkpoint belongs to (source path and destination).</summary>
    public CheckpointIdentity Identity { get; }

    /// <summary>The destination as <c>oss://bucket/key</c>.</summary>
    public string Destination => Identity.Destination;

    /// <summary>The completed parts, ordered by part number (a copy).</summary>
    public IReadOnlyList<StoredPart> CompletedParts
    {
        get
        {
            lock (_gate)
            {
                return _parts.Values.ToArray();
            }
        }
    }

    /// <summary>How many parts are completed.</summary>
    public int CompletedPartCount
    {
        get
        {
            lock (_gate)
            {
                return _parts.Count;
            }
        }
    }

    /// <summary>How many bytes the completed parts hold.</summary>
    public long CompletedBytes
    {
        get
        {
            lock (_gate)
            {
                return _completedBytes;
            }
        }
    }

    /// <summary>Whether every part of the plan is completed.</summary>
    public bool IsComplete => CompletedPartCount == PartCount;

    // Identifies this object to a store's save coalescing; never serialized.
    internal long InstanceId { get; }

    // Increases with every change; a store that has written revision R has written every change up to R.
    internal long Revision => Interlocked.Read(ref _revision);

    /// <summary>Looks up a completed part.</summary>
    /// <param name="partNumber">The part number.</param>
    /// <param name="part">The record, if the part is completed.</param>
    /// <returns><see langword="true"/> if the part is completed.</returns>
    public bool TryGetCompletedPart(int partNumber, out StoredPart? part)
    {
        lock (_gate)
        {
            return _parts.TryGetValue(partNumber, out part);
        }
    }

    /// <summary>
    /// Records a part the server acknowledged (thread-safe). A part recorded again replaces the earlier
    /// record (it was re-sent).
    /// </summary>
    /// <param name="part">The completed part.</param>
    /// <exception cref="ArgumentOutOfRangeException">The part number is beyond the plan or its size does not match the plan.</exception>
    public void RecordCompletedPart(StoredPart part)
    {
        if (part is null)
        {
            throw new ArgumentNullException(nameof(part));
        }

        ValidatePartAgainstPlan(part);
        lock (_gate)
        {
            if (_parts.TryGetValue(part.PartNumber, out StoredPart? previous))
            {
                _completedBytes -= previous.Size;
            }

            _parts[part.PartNumber] = part;
            _completedBytes += part.Size;
            Touch();
        }
    }

    /// <summary>
    /// Forgets a completed part, e.g. because the server no longer lists it or its CRC does not match
    /// (thread-safe). It will be uploaded again.
    /// </summary>
    /// <param name="partNumber">The part number.</param>
    /// <returns><see langword="true"/> if the part was recorded.</returns>
    public bool ForgetPart(int partNumber)
    {
        lock (_gate)
        {
            if (!_parts.TryGetValue(partNumber, out StoredPart? previous))
            {
                return false;
            }

            _parts.Remove(partNumber);
            _completedBytes -= previous.Size;
            Touch();
            return true;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0} -> {1} (upload {2}, {3}/{4} parts)",
        Source.FullPath,
        Destination,
        UploadId,
        CompletedPartCount,
        PartCount);

    // A consistent copy of the mutable state, taken under the lock, for serialization.
    internal CheckpointState CaptureState()
    {
        lock (_gate)
        {
            return new CheckpointState(Interlocked.Read(ref _revision), _updatedUtc, _parts.Values.ToArray());
        }
    }

    private static UploadPlan RequirePlan(UploadPlan plan, SourceSnapshot source)
    {
        if (plan is null)
        {
            throw new ArgumentNullException(nameof(plan));
        }

        if (source is null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        if (!plan.IsMultipart)
        {
            throw new ArgumentException("Only multipart uploads have checkpoints; this plan is a single PutObject.", nameof(plan));
        }

        if (plan.FileLength != source.Length)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "The plan is for {0} bytes but the source snapshot has {1}.", plan.FileLength, source.Length),
                nameof(plan));
        }

        return plan;
    }

    internal static void ValidateEndpoint(string endpoint)
    {
        RequireText(endpoint, nameof(endpoint), "The endpoint cannot be empty.");

        // An endpoint is scheme://host[:port][/path]. '@' would carry user:password, '?' and '#' a
        // query (e.g. a presigned signature); none belong in a checkpoint.
        foreach (char c in endpoint)
        {
            if (c == '@' || c == '?' || c == '#' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException(
                    "The endpoint must be a plain scheme://host[:port] address without credentials, query or spaces.",
                    nameof(endpoint));
            }
        }
    }

    internal static void RequireText(string value, string parameterName, string message)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException(message, parameterName);
        }
    }

    internal static DateTime ToUtc(DateTime value) =>
        value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc);

    private void ValidatePartAgainstPlan(StoredPart part)
    {
        if (part.PartNumber > _plan.PartCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(part),
                part.PartNumber,
                string.Format(CultureInfo.InvariantCulture, "Part {0} is beyond the plan's {1} parts.", part.PartNumber, _plan.PartCount));
        }

        long expected = _plan.GetPart(part.PartNumber).Length;
        if (part.Size != expected)
        {
            throw new ArgumentOutOfRangeException(
                nameof(part),
                part.Size,
                string.Format(CultureInfo.InvariantCulture, "Part {0} has {1} bytes but the plan says {2}.", part.PartNumber, part.Size, expected));
        }
    }

    private void Touch()
    {
        _updatedUtc = DateTime.UtcNow;
        Interlocked.Increment(ref _revision);
    }
}
