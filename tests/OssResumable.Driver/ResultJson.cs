using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;

namespace OssResumable.Driver;

/// <summary>The one-line JSON objects the driver prints on stdout (field names are a contract).</summary>
internal static class ResultJson
{
    public static string Upload(UploadResult result) => Write(writer =>
    {
        writer.WriteString("bucket", result.Bucket);
        writer.WriteString("key", result.Key);
        writer.WriteString("file", result.FilePath);
        writer.WriteNumber("size", result.Size);
        WriteStringOrNull(writer, "uploadId", result.UploadId);
        writer.WriteString("etag", result.ETag);

        // A string: JSON readers of PowerShell and JavaScript would round a 64-bit number.
        writer.WriteString("crc64", result.Crc64.ToString(CultureInfo.InvariantCulture));
        writer.WriteNumber("partCount", result.PartCount);
        writer.WriteNumber("partSize", result.PartSize);
        writer.WriteNumber("bytesSent", result.BytesSent);
        writer.WriteNumber("bytesSkipped", result.BytesSkipped);
        writer.WriteNumber("retries", result.Retries);
        writer.WriteNumber("durationMs", (long)result.Duration.TotalMilliseconds);
        writer.WriteBoolean("resumed", result.Resumed);
        WriteStringOrNull(writer, "checkpointPath", result.CheckpointPath);
    });

    public static string Upload(MultipartUploadSummary upload) => Write(writer =>
    {
        writer.WriteString("bucket", upload.Bucket);
        writer.WriteString("key", upload.Key);
        writer.WriteString("uploadId", upload.UploadId);
        writer.WriteString("initiated", upload.Initiated.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
    });

    public static string Batch(int files, int failed, long bytes, System.TimeSpan duration) => Write(writer =>
    {
        writer.WriteNumber("files", files);
        writer.WriteNumber("failed", failed);
        writer.WriteNumber("bytes", bytes);
        writer.WriteNumber("durationMs", (long)duration.TotalMilliseconds);
    });

    public static string Aborted(string bucket, string key, string uploadId) => Write(writer =>
    {
        writer.WriteString("bucket", bucket);
        writer.WriteString("key", key);
        writer.WriteString("uploadId", uploadId);
        writer.WriteBoolean("aborted", true);
    });

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string Write(System.Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
