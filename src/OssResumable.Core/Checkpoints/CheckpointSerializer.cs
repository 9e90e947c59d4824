using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// Reads and writes the checkpoint file format (docs/checkpoint-format.md). Reading never lets a raw
/// JSON or format error escape: every failure is a <see cref="CheckpointException"/> with a reason.
/// </summary>
internal static class CheckpointSerializer
{
    internal const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    private static readonly EnvelopeKind Kind = new(CheckpointFormat.Magic, CheckpointFormat.CurrentVersion, "checkpoint", "an OssResumable upload checkpoint");

    public static byte[] Serialize(UploadCheckpoint checkpoint, CheckpointState state) =>
        ChecksummedJson.Write(Kind, writer => WriteData(writer, checkpoint, state));

    public static UploadCheckpoint Deserialize(byte[] content, string path) =>
        ChecksummedJson.Read(content, path, Kind, ReadData, TryReadHint);

    private static void WriteData(Utf8JsonWriter writer, UploadCheckpoint checkpoint, CheckpointState state)
    {
        writer.WriteStartObject();
        writer.WriteString("createdUtc", FormatTime(checkpoint.CreatedUtc));
        writer.WriteString("updatedUtc", FormatTime(state.UpdatedUtc));
        writer.WriteString("endpoint", checkpoint.Endpoint);
        if (checkpoint.Connection is CheckpointConnection connection)
        {
            writer.WriteStartObject("connection");
            if (connection.Region is not null)
            {
                writer.WriteString("region", connection.Region);
            }

            writer.WriteNumber("signatureVersion", (int)connection.SignatureVersion);
            writer.WriteBoolean("pathStyle", connection.PathStyle);
            writer.WriteEndObject();
        }

        writer.WriteString("bucket", checkpoint.Bucket);
        writer.WriteString("key", checkpoint.Key);
        writer.WriteString("uploadId", checkpoint.UploadId);
        writer.WriteNumber("partSize", checkpoint.PartSize);
        writer.WriteNumber("partCount", checkpoint.PartCount);

        writer.WriteStartObject("source");
        writer.WriteString("path", checkpoint.Source.FullPath);
        writer.WriteNumber("length", checkpoint.Source.Length);
        writer.WriteString("lastWriteTimeUtc", FormatTime(checkpoint.Source.LastWriteTimeUtc));
        writer.WriteString("fingerprint", checkpoint.Source.ContentFingerprint);
        writer.WriteEndObject();

        writer.WriteStartObject("objectHeaders");
        foreach (KeyValuePair<string, string> header in checkpoint.ObjectHeaders)
        {
            writer.WriteString(header.Key, header.Value);
        }

        writer.WriteEndObject();

        writer.WriteStartArray("completedParts");
        foreach (StoredPart part in state.Parts)
        {
            writer.WriteStartObject();
            writer.WriteNumber("partNumber", part.PartNumber);
            writer.WriteNumber("size", part.Size);
            writer.WriteString("etag", part.ETag);

            // A string: JSON readers that parse numbers as doubles (PowerShell, JavaScript) would
            // silently round a 64-bit CRC.
            writer.WriteString("crc64", part.Crc64.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static UploadCheckpoint ReadData(JsonElement data)
    {
        JsonElement source = RequireObject(data, "source");
        var snapshot = new SourceSnapshot(
            RequireString(source, "path", "source.path"),
            RequireInt64(source, "length", "source.length"),
            RequireTime(source, "lastWriteTimeUtc", "source.lastWriteTimeUtc"),
            RequireString(source, "fingerprint", "source.fingerprint"));

        long partSize = RequireInt64(data, "partSize", "partSize");
        int partCount = RequireInt32(data, "partCount", "partCount");
        UploadPlan plan = UploadPlanner.PlanMultipart(snapshot.Length, partSize);
        if (plan.PartCount != partCount)
        {
            throw new FormatException(string.Format(
                CultureInfo.InvariantCulture,
                "\"partCount\" is {0} but {1} bytes in parts of {2} bytes make {3}.",
                partCount,
                snapshot.Length,
                partSize,
                plan.PartCount));
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (JsonProperty header in RequireObject(data, "objectHeaders").EnumerateObject())
        {
            if (header.Value.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("\"objectHeaders." + header.Name + "\" is not a string.");
            }

            headers.Add(new KeyValuePair<string, string>(header.Name, header.Value.GetString() ?? string.Empty));
        }

        var parts = new List<StoredPart>();
        JsonElement partArray = Require(data, "completedParts", JsonValueKind.Array, "completedParts");
        int index = 0;
        foreach (JsonElement part in partArray.EnumerateArray())
        {
            string where = "completedParts[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            if (part.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("\"" + where + "\" is not an object.");
            }

            string crcText = RequireString(part, "crc64", where + ".crc64");
            if (!ulong.TryParse(crcText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong crc))
            {
                throw new FormatException("\"" + where + ".crc64\" is not an unsigned 64-bit decimal number.");
            }

            parts.Add(new StoredPart(
                RequireInt32(part, "partNumber", where + ".partNumber"),
                RequireInt64(part, "size", where + ".size"),
                RequireString(part, "etag", where + ".etag"),
                crc));
            index++;
        }

        return new UploadCheckpoint(
            RequireString(data, "endpoint", "endpoint"),
            RequireString(data, "bucket", "bucket"),
            RequireString(data, "key", "key"),
            RequireString(data, "uploadId", "uploadId"),
            plan,
            snapshot,
            CheckpointHeaders.Normalize(headers),
            RequireTime(data, "createdUtc", "createdUtc"),
            RequireTime(data, "updatedUtc", "updatedUtc"),
            parts,
            ReadConnection(data));
    }

    // Optional (added without a version change): checkpoints of earlier releases have no "connection".
    private static CheckpointConnection? ReadConnection(JsonElement data)
    {
        if (!data.TryGetProperty("connection", out _))
        {
            return null;
        }

        JsonElement connection = RequireObject(data, "connection");
        string? region = null;
        if (connection.TryGetProperty("region", out _))
        {
            region = RequireString(connection, "region", "connection.region");
        }

        int version = RequireInt32(connection, "signatureVersion", "connection.signatureVersion");
        if (version != (int)OssSignatureVersion.V1 && version != (int)OssSignatureVersion.V4)
        {
            throw new FormatException("\"connection.signatureVersion\" must be 1 or 4.");
        }

        return new CheckpointConnection(region, (OssSignatureVersion)version, RequireBoolean(connection, "pathStyle", "connection.pathStyle"));
    }

    // Reads the upload's coordinates from data that failed validation, for cleanup only.
    private static CheckpointUploadHint? TryReadHint(JsonElement? maybeData)
    {
        if (maybeData is not JsonElement data)
        {
            return null;
        }

        string? bucket = OptionalString(data, "bucket");
        string? key = OptionalString(data, "key");
        string? uploadId = OptionalString(data, "uploadId");
        if (string.IsNullOrEmpty(bucket) || string.IsNullOrEmpty(key) || string.IsNullOrEmpty(uploadId))
        {
            return null;
        }

        return new CheckpointUploadHint(OptionalString(data, "endpoint"), bucket!, key!, uploadId!) { InitiatedUtc = OptionalTime(data, "createdUtc") };
    }

    // A time read without trusting it: null when missing or malformed.
    internal static DateTime? OptionalTime(JsonElement element, string name) =>
        OptionalString(element, name) is string text
            && DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime value)
            ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
            : null;

    internal static string? OptionalString(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonElement Require(JsonElement parent, string name, JsonValueKind kind, string where)
    {
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            throw new FormatException("The member \"" + where + "\" is missing.");
        }

        if (value.ValueKind != kind)
        {
            throw new FormatException("The member \"" + where + "\" should be " + Describe(kind) + " but is " + Describe(value.ValueKind) + ".");
        }

        return value;
    }

    private static JsonElement RequireObject(JsonElement parent, string name) => Require(parent, name, JsonValueKind.Object, name);

    internal static string RequireString(JsonElement parent, string name, string where)
    {
        string? value = Require(parent, name, JsonValueKind.String, where).GetString();
        if (string.IsNullOrEmpty(value))
        {
            throw new FormatException("The member \"" + where + "\" is empty.");
        }

        return value!;
    }

    private static long RequireInt64(JsonElement parent, string name, string where)
    {
        if (!Require(parent, name, JsonValueKind.Number, where).TryGetInt64(out long value))
        {
            throw new FormatException("The member \"" + where + "\" is not a 64-bit integer.");
        }

        return value;
    }

    private static int RequireInt32(JsonElement parent, string name, string where)
    {
        if (!Require(parent, name, JsonValueKind.Number, where).TryGetInt32(out int value))
        {
            throw new FormatException("The member \"" + where + "\" is not a 32-bit integer.");
        }

        return value;
    }

    private static bool RequireBoolean(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            throw new FormatException("The member \"" + where + "\" is missing.");
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException("The member \"" + where + "\" should be a boolean but is " + Describe(value.ValueKind) + "."),
        };
    }

    internal static DateTime RequireTime(JsonElement parent, string name, string where)
    {
        string text = RequireString(parent, name, where);
        if (!DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime value))
        {
            throw new FormatException("The member \"" + where + "\" is not a UTC time like 2024-05-01T10:00:00.0000000Z.");
        }

        return DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    internal static string FormatTime(DateTime utc) => utc.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
