using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Checkpoints;

/// <summary>Builds checkpoints from invented values (no file needed) and hand-made checkpoint files.</summary>
internal static class TestCheckpoints
{
    public const long MiB = 1024 * 1024;
    public const string Endpoint = "https://oss-cn-hangzhou.aliyuncs.com";
    public const string Bucket = "examplebucket";
    public const string Key = "backups/2024/disk.vhdx";
    public const string UploadId = "0004B9894A22E5B1888A1E29F8236E2D";
    public static readonly DateTime WrittenAt = new(2024, 5, 1, 10, 20, 30, 123, DateTimeKind.Utc);
    public static readonly string SourcePath = Path.GetFullPath("/data/disk.vhdx");

    public static SourceSnapshot Snapshot(long length = 100 * MiB, string? path = null, DateTime? written = null, string fingerprint = "sha256-hmt64k:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff") =>
        new(path ?? SourcePath, length, (written ?? WrittenAt).AddTicks(4567), fingerprint);

    public static UploadCheckpoint Create(
        long length = 100 * MiB,
        long partSize = 8 * MiB,
        string? path = null,
        string key = Key,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        CheckpointConnection? connection = null)
    {
        SourceSnapshot source = Snapshot(length, path);
        return new UploadCheckpoint(
            Endpoint,
            Bucket,
            key,
            UploadId,
            UploadPlanner.PlanMultipart(length, partSize),
            source,
            headers ?? new Dictionary<string, string> { ["Content-Type"] = "application/octet-stream", ["x-oss-storage-class"] = "IA" },
            connection);
    }

    public static StoredPart PartFor(UploadCheckpoint checkpoint, int number) =>
        new(number, checkpoint.Plan.GetPart(number).Length, "\"" + number.ToString("X32", System.Globalization.CultureInfo.InvariantCulture) + "\"", ulong.MaxValue - (ulong)number);

    public static CheckpointExpectation ExpectationFor(UploadCheckpoint checkpoint, long? partSize = null) =>
        new(checkpoint.Source, checkpoint.Endpoint, checkpoint.Bucket, checkpoint.Key, partSize, checkpoint.ObjectHeaders);

    /// <summary>A checkpoint file around hand-written data, with a correct checksum.</summary>
    public static string SignedFile(string dataJson, int version = CheckpointFormat.CurrentVersion)
    {
        string checksum = CheckpointFormat.ChecksumPrefix + Sha256Hex(Encoding.UTF8.GetBytes(dataJson));
        return "{\"format\":\"" + CheckpointFormat.Magic + "\",\"version\":" + version.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",\"data\":" + dataJson + ",\"checksum\":\"" + checksum + "\"}";
    }

    /// <summary>Valid data for a 20-byte file in one part of 102,400 bytes, optionally edited.</summary>
    public static string Data(
        string partSize = "102400",
        string partCount = "1",
        string parts = "[{\"partNumber\":1,\"size\":20,\"etag\":\"\\\"E\\\"\",\"crc64\":\"42\"}]",
        bool includeUploadId = true,
        string? connection = null) =>
        "{\"createdUtc\":\"2024-05-01T10:20:30.0000000Z\",\"updatedUtc\":\"2024-05-01T10:21:30.0000000Z\","
            + "\"endpoint\":\"" + Endpoint + "\","
            + (connection is null ? string.Empty : "\"connection\":" + connection + ",")
            + "\"bucket\":\"" + Bucket + "\",\"key\":\"k\","
            + (includeUploadId ? "\"uploadId\":\"" + UploadId + "\"," : string.Empty)
            + "\"partSize\":" + partSize + ",\"partCount\":" + partCount + ","
            + "\"source\":{\"path\":\"/data/x.bin\",\"length\":20,\"lastWriteTimeUtc\":\"2024-05-01T10:00:00.0000000Z\",\"fingerprint\":\"f\"},"
            + "\"objectHeaders\":{},\"completedParts\":" + parts + "}";

    private static string Sha256Hex(byte[] bytes)
    {
        byte[] hash = SHA256.HashData(bytes);
        return Convert.ToHexString(hash).ToLowerInvariant();
    }
}
