using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using OssResumable.Core.Text;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// The envelope shared by the checkpoint and the upload ID record (docs/checkpoint-format.md):
/// <c>{ "format": magic, "version": n, "data": { ... }, "checksum": "sha256:..." }</c>, where the
/// checksum covers the exact bytes of the <c>data</c> value. Reading never lets a raw JSON or format
/// error escape: every failure is a <see cref="CheckpointException"/> with a reason.
/// </summary>
internal static class ChecksummedJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,

        // Keeps non-ASCII paths and keys readable; the file is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the envelope around the object <paramref name="writeData"/> writes.</summary>
    public static byte[] Write(EnvelopeKind kind, Action<Utf8JsonWriter> writeData)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format", kind.Magic);
            writer.WriteNumber("version", kind.CurrentVersion);
            writer.WritePropertyName("data");
            writer.Flush();
            long dataStart = buffer.Length;
            writeData(writer);
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

    /// <summary>
    /// Checks the envelope of <paramref name="content"/> and reads its data with <paramref name="readData"/>
    /// (which throws <see cref="FormatException"/> or <see cref="ArgumentException"/> for invalid content).
    /// Failures after the format marker carry what <paramref name="readHint"/> could read, for cleanup only.
    /// </summary>
    public static T Read<T>(byte[] content, string path, EnvelopeKind kind, Func<JsonElement, T> readData, Func<JsonElement?, CheckpointUploadHint?> readHint)
    {
        if (content.Length == 0)
        {
            throw Fail(kind, CheckpointFailureReason.Corrupt, path, "the file is empty (it was probably cut short by a crash or a full disk)", null);
        }

        try
        {
            return ReadValidJsonOrThrow(content, path, kind, readData, readHint);
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json validates UTF-8 inside strings only when a string is read.
            throw Fail(kind, CheckpointFailureReason.Corrupt, path, "it contains text that is not valid UTF-8", ex);
        }
    }

    private static T ReadValidJsonOrThrow<T>(byte[] content, string path, EnvelopeKind kind, Func<JsonElement, T> readData, Func<JsonElement?, CheckpointUploadHint?> readHint)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw Fail(kind, CheckpointFailureReason.Corrupt, path, "it is not valid JSON (" + ex.Message + ")", ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out JsonElement format)
                || format.ValueKind != JsonValueKind.String
                || !string.Equals(format.GetString(), kind.Magic, StringComparison.Ordinal))
            {
                throw Fail(kind, CheckpointFailureReason.NotACheckpoint, path, "it is not " + kind.Description + " (the \"format\" member is missing or wrong)", null);
            }

            if (!root.TryGetProperty("version", out JsonElement versionElement)
                || versionElement.ValueKind != JsonValueKind.Number
                || !versionElement.TryGetInt32(out int version))
            {
                throw Fail(kind, CheckpointFailureReason.Corrupt, path, "the \"version\" member is missing or not an integer", null);
            }

            // The data object is parsed from exactly the bytes the checksum covers, so what is
            // verified and what is read can never differ.
            int dataCount = LocateData(content, out int dataStart, out int dataLength);
            if (dataCount > 1)
            {
                throw Fail(kind, CheckpointFailureReason.Corrupt, path, "the \"data\" member appears more than once", null);
            }

            var dataBytes = new ReadOnlyMemory<byte>(content, dataStart, dataLength);
            using JsonDocument? dataDocument = dataCount == 1 && content[dataStart] == (byte)'{' ? JsonDocument.Parse(dataBytes) : null;
            JsonElement? data = dataDocument?.RootElement;
            if (version != kind.CurrentVersion)
            {
                string why = version > kind.CurrentVersion
                    ? string.Format(CultureInfo.InvariantCulture, "it was written in format version {0} by a newer OssResumable; this version reads version {1}. Update OssResumable to resume it", version, kind.CurrentVersion)
                    : string.Format(CultureInfo.InvariantCulture, "its format version {0} is not one this version reads (version {1})", version, kind.CurrentVersion);
                throw Fail(kind, CheckpointFailureReason.UnsupportedVersion, path, why, null, readHint(data));
            }

            if (data is null)
            {
                throw Fail(kind, CheckpointFailureReason.Corrupt, path, "the \"data\" member is missing or not an object", null);
            }

            if (!root.TryGetProperty("checksum", out JsonElement checksumElement) || checksumElement.ValueKind != JsonValueKind.String)
            {
                throw Fail(kind, CheckpointFailureReason.Corrupt, path, "the \"checksum\" member is missing", null, readHint(data));
            }

            string expected = CheckpointFormat.ChecksumPrefix + Sha256Hex(content, dataStart, dataLength);
            if (!string.Equals(expected, checksumElement.GetString(), StringComparison.OrdinalIgnoreCase))
            {
                throw Fail(kind, CheckpointFailureReason.ChecksumMismatch, path, "its content does not match its checksum: it was damaged or edited", null, readHint(data));
            }

            try
            {
                return readData(data.Value);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw Fail(kind, CheckpointFailureReason.InvalidContent, path, ex.Message, ex, readHint(data));
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

    private static bool IsJsonWhitespace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r';

    private static string Sha256Hex(byte[] bytes, int offset, int count)
    {
        using var sha = SHA256.Create();
        return HexFormat.ToLower(sha.ComputeHash(bytes, offset, count));
    }

    private static CheckpointException Fail(EnvelopeKind kind, CheckpointFailureReason reason, string path, string why, Exception? inner, CheckpointUploadHint? hint = null) =>
        new(reason, path, "The " + kind.Noun + " '" + path + "' cannot be used: " + why.TrimEnd('.') + ".", inner) { UntrustedUpload = hint };
}
