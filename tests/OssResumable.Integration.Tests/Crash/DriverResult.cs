using System.Text.Json;

namespace OssResumable.Integration.Tests.Crash;

/// <summary>The JSON line the driver prints last on success (camelCase; the CRC-64 as a decimal string).</summary>
internal sealed class DriverResult
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public string Bucket { get; init; } = string.Empty;

    public string Key { get; init; } = string.Empty;

    public string File { get; init; } = string.Empty;

    public long Size { get; init; }

    public string? UploadId { get; init; }

    public string? Etag { get; init; }

    public string Crc64 { get; init; } = string.Empty;

    public int PartCount { get; init; }

    public long PartSize { get; init; }

    public long BytesSent { get; init; }

    public long BytesSkipped { get; init; }

    public int Retries { get; init; }

    public long DurationMs { get; init; }

    public bool Resumed { get; init; }

    public string? CheckpointPath { get; init; }

    public static DriverResult Parse(string json) =>
        JsonSerializer.Deserialize<DriverResult>(json, Options) ?? throw new JsonException("The driver printed 'null'.");
}
