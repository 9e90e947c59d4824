using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using OssResumable.Core.Protocol;
using OssResumable.Core.Upload;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// Reads and writes the checkpoint file format (docs/checkpoint-format.md). Reading never lets a raw
/// JSON or format error escape: every failure is a <see cref="CheckpointException"/> with a reason.
/// </summary>
internal static class CheckpointSerializer
{
    private const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,

        // Keeps non-ASCII paths and keys readable; the file is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(UploadCheckpoint checkpoint, CheckpointState state)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format", CheckpointFormat.Magic);
            writer.WriteNumber("version", CheckpointFormat.CurrentVersion);
            writer.WritePropertyName("data");
            writer.Flush();
            long dataStart = buffer.Length;
            WriteData(writer, checkpoint, state);
            writer.Flush();
            long dataEnd = buffer.Length;

            byte[] written = buffer.GetBuffer();
            int start = (int)dataStart;
            while (start < dataEnd && IsJsonWhitespace(written[start]))
            {
                start++;
            }

            writer.WriteString("checksum", CheckpointFormat.ChecksumPrefix + Sha256Hex(written, start, (int)dataEnd - start));
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static UploadCheckpoint Deserialize(byte[] content, string path)
    {
        if (content.Length == 0)
        {
            throw Fail(CheckpointFailureReason.Corrupt, path, "the file is empty (it was probably cut short by a crash or a full disk)", null);
        }

        try
        {
            return DeserializeValidJsonOrThrow(content, path);
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json validates UTF-8 inside strings only when a string is read.
            throw Fail(CheckpointFailureReason.Corrupt, path, "it contains text that is not valid UTF-8", ex);
        }
    }

    private static UploadCheckpoint DeserializeValidJsonOrThrow(byte[] content, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw Fail(CheckpointFailureReason.Corrupt, path, "it is not valid JSON (" + ex.Message + ")", ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out JsonElement format)
                || format.ValueKind != JsonValueKind.String
                || !string.Equals(format.GetString(), CheckpointFormat.Magic, StringComparison.Ordinal))
            {
                throw Fail(CheckpointFailureReason.NotACheckpoint, path, "it is not an OssResumable upload checkpoint (the \"format\" member is missing or wrong)", null);
            }

            if (!root.TryGetProperty("version", out JsonElement versionElement)
                || versionElement.ValueKind != JsonValueKind.Number
                || !versionElement.TryGetInt32(out int version))
            {
                throw Fail(CheckpointFailureReason.Corrupt, path, "the \"version\" member is missing or not an integer", null);
            }

            // The data object is parsed from exactly the bytes the checksum covers, so what is
            // verified and what is read can never differ.
            int dataCount = LocateData(content, out int dataStart, out int dataLength);
            if (dataCount > 1)
            {
                throw Fail(CheckpointFailureReason.Corrupt, path, "the \"data\" member appears more than once", null);
            }

            var dataBytes = new ReadOnlyMemory<byte>(content, dataStart, dataLength);
            using JsonDocument? dataDocument = dataCount == 1 && content[dataStart] == (byte)'{' ? JsonDocument.Parse(dataBytes) : null;
            JsonElement? data = dataDocument?.RootElement;
            if (version != CheckpointFormat.CurrentVersion)
            {
                string why = version > CheckpointFormat.CurrentVersion
                    ? string.Format(CultureInfo.InvariantCulture, "it was written in format version {0} by a newer OssResumable; this version reads version {1}. Update OssResumable to resume it", version, CheckpointFormat.CurrentVersion)
                    : string.Format(CultureInfo.InvariantCulture, "its format version {0} is not one this version reads (version {1})", version, CheckpointFormat.CurrentVersion);
                throw Fail(CheckpointFailureReason.UnsupportedVersion, path, why, null, TryReadHint(data));
            }

            if (data is null)
            {
                throw Fail(CheckpointFailureReason.Corrupt, path, "the \"data\" member is missing or not an object", null);
            }

            if (!root.TryGetProperty("checksum", out JsonElement checksumElement) || checksumElement.ValueKind != JsonValueKind.String)
            {
                throw Fail(CheckpointFailureReason.Corrupt, path, "the \"checksum\" member is missing", null, TryReadHint(data));
            }

            string expected = CheckpointFormat.ChecksumPrefix + Sha256Hex(content, dataStart, dataLength);
            if (!string.Equals(expected, checksumElement.GetString(), StringComparison.OrdinalIgnoreCase))
            {
                throw Fail(CheckpointFailureReason.ChecksumMismatch, path, "its content does not match its checksum: it was damaged or edited", null, TryReadHint(data));
            }

            try
            {
                return ReadData(data.Value);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw Fail(CheckpointFailureReason.InvalidContent, path, ex.Message, ex, TryReadHint(data));
            }
        }
    }

    // Finds the value of the top-level "data" member; returns how many there are (0, 1 or more).
    private static int LocateData(byte[] content, out int start, out int length)
    {
        start = 0;
        length = 0;
        int count = 0;
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { MaxDepth = 16 });
        reader.Read();
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }

            bool isData = reader.ValueTextEquals("data");
            reader.Read();
            int valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isData)
            {
                count++;
                start = valueStart;
                length = (int)reader.BytesConsumed - valueStart;
            }
        }

        return count;
    }

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
        foreach (CheckpointPart part in state.Parts)
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

        var parts = new List<CheckpointPart>();
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

            parts.Add(new CheckpointPart(
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

        return new CheckpointUploadHint(OptionalString(data, "endpoint"), bucket!, key!, uploadId!);
    }

    private static string? OptionalString(JsonElement element, string name)
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

    private static string RequireString(JsonElement parent, string name, string where)
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

    private static DateTime RequireTime(JsonElement parent, string name, string where)
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

    private static string FormatTime(DateTime utc) => utc.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static bool IsJsonWhitespace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r';

    private static string Sha256Hex(byte[] bytes, int offset, int count)
    {
        using var sha = SHA256.Create();
        return HexFormat.ToLower(sha.ComputeHash(bytes, offset, count));
    }

    private static CheckpointException Fail(CheckpointFailureReason reason, string path, string why, Exception? inner, CheckpointUploadHint? hint = null) =>
        new(reason, path, "The checkpoint '" + path + "' cannot be used: " + why.TrimEnd('.') + ".", inner) { UntrustedUpload = hint };
}
