using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Transfer.Fakes;

/// <summary>
/// OSS in memory, behind the engine's seam (<see cref="IOssClient"/>): objects, multipart uploads and
/// their parts, with OSS's answers (NoSuchUpload, 404 on HEAD, CRC-64 of every body and of a completed
/// object). No HTTP, no retries: a fault a test injects with <see cref="Fault"/> is what the engine sees
/// after the real client's retries. Every call is recorded in <see cref="Calls"/>.
/// </summary>
internal sealed class InMemoryOss : IOssClient
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Upload> _uploads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private int _nextUploadNumber;

    public Uri Endpoint { get; init; } = new("https://oss-cn-hangzhou.aliyuncs.com");

    public string? SigningRegion { get; init; } = "cn-hangzhou";

    public OssSignatureVersion SignatureVersion { get; init; } = OssSignatureVersion.V4;

    public bool UsesPathStyle { get; init; }

    /// <summary>The server's clock (initiation times of uploads).</summary>
    public DateTimeOffset Now { get; set; } = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Called before every operation (after it is recorded); an exception it returns is what the call throws.</summary>
    public Func<OssCall, Exception?>? Fault { get; set; }

    /// <summary>Called after an operation succeeded on the server, before the answer returns; an exception it returns replaces the answer (e.g. a lost response).</summary>
    public Func<OssCall, Exception?>? AfterSuccess { get; set; }

    public ConcurrentQueue<OssCall> Calls { get; } = new();

    /// <summary>Upload IDs in progress, in initiation order.</summary>
    public IReadOnlyList<string> UploadIds
    {
        get
        {
            lock (_gate)
            {
                return _uploads.Values.OrderBy(u => u.Number).Select(u => u.Id).ToList();
            }
        }
    }

    public static OssServiceException NoSuchUpload(string operation, string key) =>
        Error(operation, key, 404, "NoSuchUpload", "The specified upload does not exist.");

    public static OssServiceException Error(string operation, string key, int status, string code, string message) =>
        new("OSS answered " + status + " " + code + " to " + operation + " of " + key + ": " + message, status, code, message, "RID", null, null, null, operation, "bucket", key);

    public int Count(string operation) => Calls.Count(c => c.Operation == operation);

    /// <summary>The bytes of an object, or null.</summary>
    public byte[]? ObjectBytes(string bucket, string key)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(bucket + "/" + key, out StoredObject? stored) ? stored.Bytes : null;
        }
    }

    /// <summary>Part numbers stored for an upload.</summary>
    public IReadOnlyList<int> PartNumbers(string uploadId)
    {
        lock (_gate)
        {
            return _uploads[uploadId].Parts.Keys.OrderBy(n => n).ToList();
        }
    }

    /// <summary>Starts an upload as another client would (not recorded as a call).</summary>
    public string StartForeignUpload(string bucket, string key, DateTimeOffset initiated)
    {
        lock (_gate)
        {
            return NewUpload(bucket, key, initiated).Id;
        }
    }

    /// <summary>Removes an upload as a lifecycle rule or another tool would.</summary>
    public void Vanish(string uploadId)
    {
        lock (_gate)
        {
            _uploads.Remove(uploadId);
        }
    }

    /// <summary>Replaces a stored part's bytes (and so its ETag and CRC-64), as a part sent from other data would.</summary>
    public void ReplacePart(string uploadId, int partNumber, byte[] bytes)
    {
        lock (_gate)
        {
            _uploads[uploadId].Parts[partNumber] = (StoredPart(partNumber, bytes), bytes);
        }
    }

    /// <summary>Removes a stored part, so ListParts no longer lists it.</summary>
    public void RemovePart(string uploadId, int partNumber)
    {
        lock (_gate)
        {
            _uploads[uploadId].Parts.Remove(partNumber);
        }
    }

    public Task<PutObjectResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        var call = Enter("PutObject", request.Key, null, null);
        byte[] bytes = ReadBody(request.Body, request.Progress, cancellationToken);
        ulong crc = Crc64.Compute(bytes);
        lock (_gate)
        {
            _objects[request.Bucket + "/" + request.Key] = new StoredObject(bytes, crc, ETagOf(crc));
        }

        Leave(call);
        return Task.FromResult(new PutObjectResult(ETagOf(crc), crc, null, "RID"));
    }

    public Task<HeadObjectResult> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        var call = Enter("HeadObject", key, null, null);
        StoredObject? stored;
        lock (_gate)
        {
            _objects.TryGetValue(bucket + "/" + key, out stored);
        }

        if (stored is null)
        {
            throw Error("HeadObject", key, 404, "NoSuchKey", "The specified key does not exist.");
        }

        Leave(call);
        return Task.FromResult(new HeadObjectResult(
            stored.Bytes.Length, stored.ETag, stored.Crc64, "Multipart", null, null, new Dictionary<string, string>(), null, null, null, null, "RID"));
    }

    public Task<InitiateMultipartUploadResult> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        var call = Enter("InitiateMultipartUpload", request.Key, null, null);
        string id;
        lock (_gate)
        {
            id = NewUpload(request.Bucket, request.Key, Now).Id;
        }

        Leave(call with { UploadId = id });
        return Task.FromResult(new InitiateMultipartUploadResult(request.Bucket, request.Key, id, "RID"));
    }

    public Task<StoredPart> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        var call = Enter("UploadPart", request.Key, request.UploadId, request.PartNumber);
        byte[] bytes = ReadBody(request.Body, request.Progress, cancellationToken);
        ListedPart part = StoredPart(request.PartNumber, bytes);
        lock (_gate)
        {
            RequireUpload("UploadPart", request.Key, request.UploadId).Parts[request.PartNumber] = (part, bytes);
        }

        Leave(call);
        return Task.FromResult(new StoredPart(request.PartNumber, bytes.Length, part.ETag, part.Crc64!.Value));
    }

    public Task<CompleteMultipartUploadResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        var call = Enter("CompleteMultipartUpload", request.Key, request.UploadId, null);
        StoredObject stored;
        lock (_gate)
        {
            Upload upload = RequireUpload("CompleteMultipartUpload", request.Key, request.UploadId);
            var bytes = new List<byte>();
            foreach (CompletedPart listed in request.Parts)
            {
                if (!upload.Parts.TryGetValue(listed.PartNumber, out var part) || part.Part.ETag != listed.ETag)
                {
                    throw Error("CompleteMultipartUpload", request.Key, 400, "InvalidPart", "Part " + listed.PartNumber + " was not uploaded with that ETag.");
                }

                bytes.AddRange(part.Bytes);
            }

            byte[] content = bytes.ToArray();
            ulong crc = Crc64.Compute(content);
            stored = new StoredObject(content, crc, "\"MULTIPART-" + crc.ToString("X16", System.Globalization.CultureInfo.InvariantCulture) + "\"");
            _objects[request.Bucket + "/" + request.Key] = stored;
            _uploads.Remove(request.UploadId);
        }

        Leave(call);
        return Task.FromResult(new CompleteMultipartUploadResult(request.Bucket, request.Key, stored.ETag, stored.Crc64, null, null, "RID"));
    }

    public Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default)
    {
        var call = Enter("AbortMultipartUpload", key, uploadId, null);
        lock (_gate)
        {
            RequireUpload("AbortMultipartUpload", key, uploadId);
            _uploads.Remove(uploadId);
        }

        Leave(call);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<MultipartUploadSummary> ListMultipartUploadsAsync(
        ListMultipartUploadsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Enter("ListMultipartUploads", request.Prefix ?? string.Empty, null, null);
        List<MultipartUploadSummary> listed;
        lock (_gate)
        {
            listed = _uploads.Values
                .Where(u => u.Bucket == request.Bucket && u.Key.StartsWith(request.Prefix ?? string.Empty, StringComparison.Ordinal))
                .OrderBy(u => u.Key, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal)
                .Select(u => new MultipartUploadSummary(u.Bucket, u.Key, u.Id, u.Initiated, null))
                .ToList();
        }

        Leave(call);
        foreach (MultipartUploadSummary upload in listed)
        {
            await Task.Yield();
            yield return upload;
        }
    }

    public async IAsyncEnumerable<ListedPart> ListPartsAsync(string bucket, string key, string uploadId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Enter("ListParts", key, uploadId, null);
        List<ListedPart> listed;
        lock (_gate)
        {
            listed = RequireUpload("ListParts", key, uploadId).Parts.Values.Select(p => p.Part).OrderBy(p => p.PartNumber).ToList();
        }

        Leave(call);
        foreach (ListedPart part in listed)
        {
            await Task.Yield();
            yield return part;
        }
    }

    private static string ETagOf(ulong crc) => "\"" + crc.ToString("X16", System.Globalization.CultureInfo.InvariantCulture) + "\"";

    private static byte[] ReadBody(RequestBody body, Action<long>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using Stream stream = body.OpenStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        byte[] bytes = copy.ToArray();
        if (bytes.Length != body.Length)
        {
            throw new IOException("The body ended after " + bytes.Length + " of " + body.Length + " bytes.");
        }

        progress?.Invoke(bytes.Length);
        return bytes;
    }

    private ListedPart StoredPart(int partNumber, byte[] bytes)
    {
        ulong crc = Crc64.Compute(bytes);
        return new ListedPart(partNumber, bytes.Length, ETagOf(crc), crc, Now);
    }

    private OssCall Enter(string operation, string key, string? uploadId, int? partNumber)
    {
        var call = new OssCall(operation, key, uploadId, partNumber);
        Calls.Enqueue(call);
        if (Fault?.Invoke(call) is Exception failure)
        {
            throw failure;
        }

        return call;
    }

    private void Leave(OssCall call)
    {
        if (AfterSuccess?.Invoke(call) is Exception failure)
        {
            throw failure;
        }
    }

    private Upload NewUpload(string bucket, string key, DateTimeOffset initiated)
    {
        int number = ++_nextUploadNumber;
        var upload = new Upload("UPLOAD" + number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), number, bucket, key, initiated);
        _uploads.Add(upload.Id, upload);
        return upload;
    }

    private Upload RequireUpload(string operation, string key, string uploadId) =>
        _uploads.TryGetValue(uploadId, out Upload? upload) ? upload : throw NoSuchUpload(operation, key);

    private sealed record StoredObject(byte[] Bytes, ulong Crc64, string ETag);

    private sealed class Upload
    {
        public Upload(string id, int number, string bucket, string key, DateTimeOffset initiated)
        {
            Id = id;
            Number = number;
            Bucket = bucket;
            Key = key;
            Initiated = initiated;
        }

        public string Id { get; }

        public int Number { get; }

        public string Bucket { get; }

        public string Key { get; }

        public DateTimeOffset Initiated { get; }

        public Dictionary<int, (ListedPart Part, byte[] Bytes)> Parts { get; } = new();
    }
}
