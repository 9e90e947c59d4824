using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OssResumable.Core.Signing;
using OssResumable.Emulator.Operations;
using OssResumable.Emulator.Storage;

namespace OssResumable.Emulator.Http;

/// <summary>
/// The unsigned JSON control surface under <c>/_emulator/</c> for out-of-process callers (crash
/// tests, Node and Pester suites). Bucket names cannot contain <c>_</c>, so it never collides with
/// OSS paths; the server listens on loopback only. See docs/emulator.md for the routes.
/// </summary>
internal sealed class AdminEndpoints
{
    private const string Root = "/_emulator";

    private static readonly string[] FaultJsonProperties =
    {
        "operation", "bucket", "key", "partNumber", "uploadId", "skip", "times", "action", "statusCode",
        "errorCode", "errorMessage", "resetAfterBytes", "delayMs", "bytesPerSecond",
    };

    private static readonly string[] LinkJsonProperties = { "perConnectionBytesPerSecond", "roundTripMs", "totalBytesPerSecond" };

    private readonly EmulatorRuntime _runtime;

    public AdminEndpoints(EmulatorRuntime runtime)
    {
        _runtime = runtime;
    }

    public static bool IsAdminPath(string rawPath) =>
        rawPath == Root || rawPath.StartsWith(Root + "/", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context, RequestTarget target)
    {
        string method = context.Request.Method.ToUpperInvariant();
        try
        {
            string[] segments = target.RawPath[Root.Length..]
                .Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(OssUriEncoder.Decode)
                .ToArray();
            string resource = segments.Length > 0 ? segments[0] : string.Empty;
            string? id = segments.Length > 1 ? segments[1] : null;
            switch (resource, method, id)
            {
                case ("health", "GET", null):
                    await WriteJsonAsync(context, 200, w => { w.WriteStartObject(); w.WriteString("status", "ok"); w.WriteEndObject(); });
                    break;
                case ("faults", "GET", null):
                    await WriteJsonAsync(context, 200, w => WriteFaults(w, _runtime.Faults.ToList()));
                    break;
                case ("faults", "POST", null):
                    FaultRule added = _runtime.Faults.Add(await ReadFaultAsync(context));
                    await WriteJsonAsync(context, 201, w => WriteFault(w, added));
                    break;
                case ("faults", "DELETE", null):
                    _runtime.Faults.Clear();
                    context.Response.StatusCode = 204;
                    break;
                case ("faults", "DELETE", string faultId):
                    context.Response.StatusCode = _runtime.Faults.Remove(faultId) ? 204 : 404;
                    break;
                case ("stats", "GET", null):
                    await WriteJsonAsync(context, 200, w => WriteStatistics(w, _runtime.Statistics.Snapshot()));
                    break;
                case ("stats", "DELETE", null):
                    _runtime.ResetStatistics();
                    context.Response.StatusCode = 204;
                    break;
                case ("link", "GET", null):
                    await WriteJsonAsync(context, 200, w => WriteLink(w, _runtime.Link.Link));
                    break;
                case ("link", "PUT", null):
                    _runtime.Link.Link = await ReadLinkAsync(context);
                    await WriteJsonAsync(context, 200, w => WriteLink(w, _runtime.Link.Link));
                    break;
                case ("link", "DELETE", null):
                    _runtime.Link.Link = EmulatorLink.None;
                    context.Response.StatusCode = 204;
                    break;
                case ("timeline", "GET", null):
                    TimeSpan since = Query(target, "since") is string sinceText
                        ? TimeSpan.FromSeconds(double.Parse(sinceText, NumberStyles.Float, CultureInfo.InvariantCulture))
                        : TimeSpan.MinValue;
                    IReadOnlyList<EmulatorSample> samples = _runtime.Timeline.Since(since);
                    await WriteJsonAsync(context, 200, w => WriteTimeline(w, samples), indented: false);
                    break;
                case ("buckets", "GET", null):
                    await WriteJsonAsync(context, 200, w => WriteStrings(w, Inspection.BucketNames(_runtime.Store)));
                    break;
                case ("buckets", "PUT", string bucket):
                    if (!RequestValidation.IsValidBucketName(bucket))
                    {
                        throw new ArgumentException("Invalid bucket name '" + bucket + "'.");
                    }

                    bool created = !_runtime.Store.TryGetBucket(bucket, out _) && _runtime.Store.CreateBucket(bucket, "Standard", "private", _runtime.Clock.UtcNow);
                    context.Response.StatusCode = created ? 201 : 200;
                    break;
                case ("objects", "GET", null):
                    IReadOnlyList<EmulatorObjectInfo> objects = Inspection.Objects(_runtime.Store, RequireQuery(target, "bucket"));
                    await WriteJsonAsync(context, 200, w => WriteObjects(w, objects));
                    break;
                case ("object", "GET", null):
                    await WriteObjectContentAsync(context, target);
                    break;
                case ("uploads", "GET", null):
                    IReadOnlyList<EmulatorUploadInfo> uploads = Inspection.Uploads(_runtime.Store, Query(target, "bucket"));
                    await WriteJsonAsync(context, 200, w => WriteUploads(w, uploads));
                    break;
                case ("uploads", "DELETE", string uploadId):
                    BucketState uploadBucket = Inspection.RequireBucket(_runtime.Store, RequireQuery(target, "bucket"));
                    bool removed = _runtime.Store.FindUpload(uploadBucket, uploadId) is UploadRecord upload && _runtime.Store.TryAbort(upload);
                    context.Response.StatusCode = removed ? 204 : 404;
                    break;
                case ("clock", "GET", null):
                    await WriteClockAsync(context);
                    break;
                case ("clock", "PUT", null):
                    using (JsonDocument body = await ReadJsonAsync(context))
                    {
                        double seconds = body.RootElement.GetProperty("offsetSeconds").GetDouble();
                        _runtime.Clock.Offset = TimeSpan.FromSeconds(seconds);
                    }

                    await WriteClockAsync(context);
                    break;
                case ("credentials", "GET", null):
                    await WriteJsonAsync(context, 200, w => WriteStrings(w, _runtime.Credentials.AccessKeyIds));
                    break;
                case ("credentials", "PUT", null):
                    _runtime.Credentials.Set(await ReadCredentialAsync(context));
                    context.Response.StatusCode = 204;
                    break;
                case ("credentials", "DELETE", string accessKeyId):
                    context.Response.StatusCode = _runtime.Credentials.Remove(accessKeyId) ? 204 : 404;
                    break;
                default:
                    await WriteErrorAsync(context, 404, "No admin route " + method + " " + target.RawPath + ".");
                    break;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            int status = ex is KeyNotFoundException ? 404 : 400;
            await WriteErrorAsync(context, status, ex.Message);
        }
    }

    private static string? Query(RequestTarget target, string name) =>
        target.Query.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

    private static string RequireQuery(RequestTarget target, string name) =>
        Query(target, name) ?? throw new ArgumentException("The query parameter '" + name + "' is required.");

    private static async Task<JsonDocument> ReadJsonAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return JsonDocument.Parse(buffer.ToArray());
    }

    /// <summary>
    /// A body that is a plain-text SPEC (any non-JSON content type), JSON <c>{"spec": ...}</c>, or JSON
    /// fields; unknown field names are refused with the list of known ones.
    /// </summary>
    private static async Task<T> ReadSpecOrJsonAsync<T>(HttpContext context, string what, string[] properties, Func<string, T> parse, Func<JsonElement, T> fromJson)
    {
        string contentType = context.Request.ContentType ?? string.Empty;
        if (!contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            return parse((await reader.ReadToEndAsync(context.RequestAborted)).Trim());
        }

        using JsonDocument document = await ReadJsonAsync(context);
        JsonElement e = document.RootElement;
        foreach (JsonProperty property in e.EnumerateObject())
        {
            if (property.Name != "spec" && Array.IndexOf(properties, property.Name) < 0)
            {
                throw new ArgumentException("Unknown " + what + " property '" + property.Name + "' (spec, " + string.Join(", ", properties) + ").");
            }
        }

        return e.TryGetProperty("spec", out JsonElement spec) ? parse(spec.GetString() ?? string.Empty) : fromJson(e);
    }

    private static Task<FaultRule> ReadFaultAsync(HttpContext context) =>
        ReadSpecOrJsonAsync(context, "fault", FaultJsonProperties, FaultRule.Parse, FaultFromJson);

    private static FaultRule FaultFromJson(JsonElement e)
    {
        string? Str(string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v.GetString() : null;
        long? Num(string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
        int? times = 1;
        if (e.TryGetProperty("times", out JsonElement t))
        {
            times = t.ValueKind == JsonValueKind.Number ? t.GetInt32() : t.ValueKind == JsonValueKind.Null || t.GetString() == "*" ? null : throw new ArgumentException("times must be a number, null or \"*\".");
        }

        return new FaultRule
        {
            Operation = FaultRule.ParseOperation(Str("operation")),
            Bucket = Str("bucket"),
            Key = Str("key"),
            PartNumber = (int?)Num("partNumber"),
            UploadId = Str("uploadId"),
            Skip = (int)(Num("skip") ?? 0),
            Times = times,
            Action = Str("action") is string action ? FaultRule.ParseAction(action) : FaultAction.Error,
            StatusCode = (int)(Num("statusCode") ?? 500),
            ErrorCode = Str("errorCode") ?? "InternalError",
            ErrorMessage = Str("errorMessage"),
            ResetAfterBytes = Num("resetAfterBytes") ?? 0,
            Delay = TimeSpan.FromMilliseconds(Num("delayMs") ?? 0),
            BytesPerSecond = Num("bytesPerSecond") ?? 0,
        };
    }

    private static Task<EmulatorLink> ReadLinkAsync(HttpContext context) =>
        ReadSpecOrJsonAsync(context, "link", LinkJsonProperties, EmulatorLink.Parse, LinkFromJson);

    private static EmulatorLink LinkFromJson(JsonElement e)
    {
        double Num(string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v.GetDouble() : 0;
        try
        {
            return new EmulatorLink((long)Num("perConnectionBytesPerSecond"), TimeSpan.FromMilliseconds(Num("roundTripMs")), (long)Num("totalBytesPerSecond"));
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ArgumentException(ex.Message.Split(" (Parameter")[0], ex);
        }
    }

    private static async Task<EmulatorCredential> ReadCredentialAsync(HttpContext context)
    {
        using JsonDocument document = await ReadJsonAsync(context);
        JsonElement e = document.RootElement;
        string? Str(string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v.GetString() : null;
        string? expires = Str("tokenExpires");
        return new EmulatorCredential(
            Str("accessKeyId") ?? string.Empty,
            Str("accessKeySecret") ?? string.Empty,
            Str("securityToken"),
            expires is null ? null : DateTimeOffset.Parse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteJsonAsync(context, status, w => { w.WriteStartObject(); w.WriteString("error", message); w.WriteEndObject(); });

    private static void WriteStrings(Utf8JsonWriter writer, IEnumerable<string> values)
    {
        writer.WriteStartArray();
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteFaults(Utf8JsonWriter writer, IReadOnlyList<FaultRule> rules)
    {
        writer.WriteStartArray();
        foreach (FaultRule rule in rules)
        {
            WriteFault(writer, rule);
        }

        writer.WriteEndArray();
    }

    private static void WriteFault(Utf8JsonWriter w, FaultRule rule)
    {
        w.WriteStartObject();
        w.WriteString("id", rule.Id);
        w.WriteString("operation", rule.Operation?.ToString());
        w.WriteString("bucket", rule.Bucket);
        w.WriteString("key", rule.Key);
        if (rule.PartNumber is int part)
        {
            w.WriteNumber("partNumber", part);
        }
        else
        {
            w.WriteNull("partNumber");
        }

        w.WriteString("uploadId", rule.UploadId);
        w.WriteNumber("skip", rule.Skip);
        if (rule.Times is int times)
        {
            w.WriteNumber("times", times);
        }
        else
        {
            w.WriteNull("times");
        }

        w.WriteString("action", FaultRule.ActionName(rule.Action));
        w.WriteNumber("statusCode", rule.StatusCode);
        w.WriteString("errorCode", rule.ErrorCode);
        w.WriteString("errorMessage", rule.ErrorMessage);
        w.WriteNumber("resetAfterBytes", rule.ResetAfterBytes);
        w.WriteNumber("delayMs", (long)rule.Delay.TotalMilliseconds);
        w.WriteNumber("bytesPerSecond", rule.BytesPerSecond);
        w.WriteNumber("matched", rule.MatchedCount);
        w.WriteNumber("fired", rule.FiredCount);
        w.WriteBoolean("exhausted", rule.IsExhausted);
        w.WriteString("description", rule.ToString());
        w.WriteEndObject();
    }

    private static void WriteStatistics(Utf8JsonWriter w, EmulatorStatistics statistics)
    {
        w.WriteStartObject();
        w.WriteStartObject("requests");
        foreach (KeyValuePair<EmulatorOperation, long> pair in statistics.Requests)
        {
            w.WriteNumber(pair.Key.ToString(), pair.Value);
        }

        w.WriteEndObject();
        w.WriteStartObject("errors");
        foreach (KeyValuePair<string, long> pair in statistics.Errors)
        {
            w.WriteNumber(pair.Key, pair.Value);
        }

        w.WriteEndObject();
        w.WriteStartObject("bodyBytesRead");
        foreach (KeyValuePair<EmulatorOperation, long> pair in statistics.BodyBytesRead)
        {
            w.WriteNumber(pair.Key.ToString(), pair.Value);
        }

        w.WriteEndObject();
        w.WriteNumber("bytesReceived", statistics.BytesReceived);
        w.WriteNumber("bytesSent", statistics.BytesSent);
        w.WriteNumber("connectionsAborted", statistics.ConnectionsAborted);
        w.WriteNumber("connectionsAccepted", statistics.ConnectionsAccepted);
        w.WriteNumber("requestsInProgress", statistics.RequestsInProgress);
        w.WriteNumber("maxRequestsInProgress", statistics.MaxRequestsInProgress);
        w.WriteNumber("connectionsOpen", statistics.ConnectionsOpen);
        w.WriteNumber("maxConnectionsOpen", statistics.MaxConnectionsOpen);
        w.WriteNumber("linkBytesReceived", statistics.LinkBytesReceived);
        w.WriteNumber("linkBytesSent", statistics.LinkBytesSent);
        w.WriteEndObject();
    }

    private static void WriteLink(Utf8JsonWriter w, EmulatorLink link)
    {
        w.WriteStartObject();
        w.WriteString("spec", link.ToString());
        w.WriteNumber("perConnectionBytesPerSecond", link.PerConnectionBytesPerSecond);
        w.WriteNumber("roundTripMs", link.RoundTrip.TotalMilliseconds);
        w.WriteNumber("totalBytesPerSecond", link.TotalBytesPerSecond);
        w.WriteEndObject();
    }

    // Compact: an hour of samples is 36,000 objects.
    private static void WriteTimeline(Utf8JsonWriter w, IReadOnlyList<EmulatorSample> samples)
    {
        w.WriteStartObject();
        w.WriteNumber("intervalMs", OssEmulator.TimelineInterval.TotalMilliseconds);
        w.WriteStartArray("samples");
        foreach (EmulatorSample sample in samples)
        {
            w.WriteStartObject();
            w.WriteNumber("t", Math.Round(sample.Elapsed.TotalSeconds, 3));
            w.WriteNumber("requests", sample.Requests);
            w.WriteNumber("bodyBytesRead", sample.BodyBytesRead);
            w.WriteNumber("linkBytesReceived", sample.LinkBytesReceived);
            w.WriteNumber("linkBytesSent", sample.LinkBytesSent);
            w.WriteNumber("requestsInProgress", sample.RequestsInProgress);
            w.WriteNumber("maxRequestsInProgress", sample.MaxRequestsInProgress);
            w.WriteNumber("connectionsOpen", sample.ConnectionsOpen);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteObjects(Utf8JsonWriter w, IReadOnlyList<EmulatorObjectInfo> objects)
    {
        w.WriteStartArray();
        foreach (EmulatorObjectInfo o in objects)
        {
            w.WriteStartObject();
            w.WriteString("bucket", o.Bucket);
            w.WriteString("key", o.Key);
            w.WriteNumber("size", o.Size);
            w.WriteString("etag", o.ETag);
            w.WriteString("crc64", o.Crc64.ToString(CultureInfo.InvariantCulture));
            w.WriteString("objectType", o.ObjectType);
            w.WriteString("contentType", o.ContentType);
            w.WriteString("storageClass", o.StorageClass);
            w.WriteString("acl", o.Acl);
            w.WriteString("lastModified", OssErrors.Iso(o.LastModified));
            w.WriteNumber("partCount", o.PartCount);
            w.WriteStartObject("userMetadata");
            foreach (KeyValuePair<string, string> meta in o.UserMetadata)
            {
                w.WriteString(meta.Key, meta.Value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteUploads(Utf8JsonWriter w, IReadOnlyList<EmulatorUploadInfo> uploads)
    {
        w.WriteStartArray();
        foreach (EmulatorUploadInfo u in uploads)
        {
            w.WriteStartObject();
            w.WriteString("bucket", u.Bucket);
            w.WriteString("key", u.Key);
            w.WriteString("uploadId", u.UploadId);
            w.WriteString("initiated", OssErrors.Iso(u.Initiated));
            w.WriteStartArray("parts");
            foreach (EmulatorPartInfo p in u.Parts)
            {
                w.WriteStartObject();
                w.WriteNumber("partNumber", p.PartNumber);
                w.WriteNumber("size", p.Size);
                w.WriteString("etag", p.ETag);
                w.WriteString("crc64", p.Crc64.ToString(CultureInfo.InvariantCulture));
                w.WriteString("lastModified", OssErrors.Iso(p.LastModified));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private async Task WriteObjectContentAsync(HttpContext context, RequestTarget target)
    {
        BucketState bucket = Inspection.RequireBucket(_runtime.Store, RequireQuery(target, "bucket"));
        string key = RequireQuery(target, "key");
        ObjectRecord record = _runtime.Store.AcquireObject(bucket, key) ?? throw new KeyNotFoundException("No object '" + key + "'.");
        using var body = new ObjectBody(bucket, record, 0, record.Document.Size);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = body.Length;
        await body.WriteToAsync(context.Response.Body, 0, context.RequestAborted);
    }

    private async Task WriteClockAsync(HttpContext context)
    {
        TimeSpan offset = _runtime.Clock.Offset;
        DateTimeOffset now = _runtime.Clock.UtcNow;
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("offsetSeconds", offset.TotalSeconds);
            w.WriteString("now", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });
    }
}
