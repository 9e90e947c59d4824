using System;
using System.Text.Json;

namespace OssResumable.Core.Checkpoints;

/// <summary>Reads and writes the upload ID record (docs/checkpoint-format.md): the checkpoint's envelope around six members.</summary>
internal static class UploadIdRecordSerializer
{
    private static readonly EnvelopeKind Kind = new(CheckpointFormat.UploadIdRecordMagic, CheckpointFormat.UploadIdRecordVersion, "upload ID record", "an OssResumable upload ID record");

    public static byte[] Serialize(UploadIdRecord record) => ChecksummedJson.Write(Kind, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("initiatedUtc", CheckpointSerializer.FormatTime(record.InitiatedUtc));
        writer.WriteString("endpoint", record.Endpoint);
        writer.WriteString("bucket", record.Bucket);
        writer.WriteString("key", record.Key);
        writer.WriteString("sourcePath", record.Identity.SourcePath);
        writer.WriteString("uploadId", record.UploadId);
        writer.WriteEndObject();
    });

    /// <summary>
    /// Reads a record; it must name <paramref name="expected"/> (the identity its file name derives from), or,
    /// when that is null (a record found by listing a directory), the identity its own file name gives.
    /// </summary>
    public static UploadIdRecord Deserialize(byte[] content, string path, CheckpointIdentity? expected) =>
        ChecksummedJson.Read(content, path, Kind, data => ReadData(data, path, expected), TryReadHint);

    private static UploadIdRecord ReadData(JsonElement data, string path, CheckpointIdentity? expected)
    {
        var identity = new CheckpointIdentity(
            CheckpointSerializer.RequireString(data, "sourcePath", "sourcePath"),
            CheckpointSerializer.RequireString(data, "bucket", "bucket"),
            CheckpointSerializer.RequireString(data, "key", "key"));
        if (expected is not null && !identity.Equals(expected))
        {
            // A copied or renamed file: its upload belongs to another file name, so it proves nothing here.
            throw new FormatException("It records an upload of '" + identity.SourcePath + "' to " + identity.Destination
                + ", not of '" + expected.SourcePath + "' to " + expected.Destination + ".");
        }

        if (expected is null && !string.Equals(System.IO.Path.GetFileName(path), identity.FileStem + CheckpointFormat.UploadIdRecordExtension, StringComparison.Ordinal))
        {
            throw new FormatException("It records an upload of '" + identity.SourcePath + "' to " + identity.Destination
                + ", whose record would be named '" + identity.FileStem + CheckpointFormat.UploadIdRecordExtension + "': it was copied or renamed.");
        }

        return new UploadIdRecord(
            identity,
            CheckpointSerializer.RequireString(data, "endpoint", "endpoint"),
            CheckpointSerializer.RequireString(data, "uploadId", "uploadId"),
            CheckpointSerializer.RequireTime(data, "initiatedUtc", "initiatedUtc"));
    }

    private static CheckpointUploadHint? TryReadHint(JsonElement? maybeData)
    {
        if (maybeData is not JsonElement data
            || CheckpointSerializer.OptionalString(data, "bucket") is not { Length: > 0 } bucket
            || CheckpointSerializer.OptionalString(data, "key") is not { Length: > 0 } key
            || CheckpointSerializer.OptionalString(data, "uploadId") is not { Length: > 0 } uploadId)
        {
            return null;
        }

        return new CheckpointUploadHint(CheckpointSerializer.OptionalString(data, "endpoint"), bucket, key, uploadId)
        {
            InitiatedUtc = CheckpointSerializer.OptionalTime(data, "initiatedUtc"),
        };
    }
}
