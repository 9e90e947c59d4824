using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Checkpoints;

public class CheckpointSerializerTests
{
    private const string FilePath = "/state/test.checkpoint.json";

    [Fact]
    public void Deserialize_SerializedCheckpoint_RoundTripsEveryField()
    {
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/x-vhd",
            ["x-oss-meta-owner"] = "José Müller 张三",
            ["x-oss-tagging"] = "a=1&b=2",
        };
        UploadCheckpoint original = TestCheckpoints.Create(key: "归档/2024 \"q\"/disk.vhdx", headers: headers);
        original.RecordCompletedPart(TestCheckpoints.PartFor(original, 1));
        original.RecordCompletedPart(TestCheckpoints.PartFor(original, 13));
        original.RecordCompletedPart(new StoredPart(2, 8 * TestCheckpoints.MiB, "\"ABC\"", 0));

        UploadCheckpoint loaded = RoundTrip(original);

        Assert.Equal(original.Endpoint, loaded.Endpoint);
        Assert.Equal(original.Bucket, loaded.Bucket);
        Assert.Equal(original.Key, loaded.Key);
        Assert.Equal(original.UploadId, loaded.UploadId);
        Assert.Equal(original.PartSize, loaded.PartSize);
        Assert.Equal(original.PartCount, loaded.PartCount);
        Assert.Equal(original.Source.FullPath, loaded.Source.FullPath);
        Assert.Equal(original.Source.Length, loaded.Source.Length);
        Assert.Equal(original.Source.LastWriteTimeUtc.Ticks, loaded.Source.LastWriteTimeUtc.Ticks);
        Assert.Equal(original.Source.ContentFingerprint, loaded.Source.ContentFingerprint);
        Assert.Equal(original.ObjectHeaders, loaded.ObjectHeaders);
        Assert.Equal(original.CreatedUtc.Ticks, loaded.CreatedUtc.Ticks);
        Assert.Equal(original.UpdatedUtc.Ticks, loaded.UpdatedUtc.Ticks);
        Assert.Equal(original.Identity, loaded.Identity);
        Assert.Equal(
            original.CompletedParts.Select(p => (p.PartNumber, p.Size, p.ETag, p.Crc64)),
            loaded.CompletedParts.Select(p => (p.PartNumber, p.Size, p.ETag, p.Crc64)));
        Assert.Equal(ulong.MaxValue - 1, loaded.CompletedParts[0].Crc64);
        Assert.Equal(original.CompletedBytes, loaded.CompletedBytes);
    }

    [Fact]
    public void Serialize_Checkpoint_IsReadableIndentedJsonWithMarkerFirst()
    {
        string text = Encoding.UTF8.GetString(Serialize(TestCheckpoints.Create(key: "归档/x")));

        Assert.StartsWith("{\n  \"format\": \"OssResumable.UploadCheckpoint\",\n  \"version\": 1,", text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("归档/x", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_Checkpoint_ContainsOnlyDocumentedMembers()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create(
            headers: new Dictionary<string, string> { ["x-oss-meta-a"] = "1" },
            connection: new CheckpointConnection("cn-hangzhou", OssResumable.Core.Protocol.OssSignatureVersion.V4, pathStyle: true));
        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 1));

        using JsonDocument document = JsonDocument.Parse(Serialize(checkpoint));
        var members = new SortedSet<string>(StringComparer.Ordinal);
        Collect(document.RootElement, string.Empty, members);

        string[] documented =
        {
            "checksum", "data", "format", "version",
            "data.bucket", "data.completedParts", "data.completedParts[].crc64", "data.completedParts[].etag",
            "data.completedParts[].partNumber", "data.completedParts[].size", "data.connection", "data.connection.pathStyle",
            "data.connection.region", "data.connection.signatureVersion", "data.createdUtc", "data.endpoint",
            "data.key", "data.objectHeaders", "data.objectHeaders.x-oss-meta-a", "data.partCount", "data.partSize",
            "data.source", "data.source.fingerprint", "data.source.lastWriteTimeUtc", "data.source.length",
            "data.source.path", "data.updatedUtc", "data.uploadId",
        };
        Assert.Equal(documented.OrderBy(m => m, StringComparer.Ordinal), members);
    }

    [Fact]
    public void Serialize_UploadSetUpNextToSecrets_NoSecretReachesTheFile()
    {
        // What a caller has in hand while uploading: credentials, an STS token and a signature.
        const string AccessKeyId = "LTAI5tEXAMPLEKEYID";
        const string Secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";
        const string Token = "CAIS-sts-token-EXAMPLE";

        Assert.Throws<ArgumentException>(() => TestCheckpoints.Create(headers: new Dictionary<string, string> { ["Authorization"] = "OSS " + AccessKeyId + ":" + Secret }));
        Assert.Throws<ArgumentException>(() => TestCheckpoints.Create(headers: new Dictionary<string, string> { ["x-oss-security-token"] = Token }));
        var endpointError = Assert.Throws<ArgumentException>(() => new UploadCheckpoint(
            "https://" + AccessKeyId + ":" + Secret + "@oss-cn-hangzhou.aliyuncs.com",
            TestCheckpoints.Bucket,
            TestCheckpoints.Key,
            TestCheckpoints.UploadId,
            UploadPlanner.PlanMultipart(100, 102_400),
            TestCheckpoints.Snapshot(100),
            null));
        Assert.DoesNotContain(Secret, endpointError.Message, StringComparison.Ordinal);

        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 1));
        string text = Encoding.UTF8.GetString(Serialize(checkpoint));

        Assert.DoesNotContain(AccessKeyId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_EmptyFile_Corrupt()
    {
        AssertFails(Array.Empty<byte>(), CheckpointFailureReason.Corrupt, "empty");
    }

    [Fact]
    public void Deserialize_TruncatedFile_Corrupt()
    {
        byte[] content = Serialize(TestCheckpoints.Create());

        AssertFails(content.AsSpan(0, content.Length / 2).ToArray(), CheckpointFailureReason.Corrupt, "not valid JSON");
    }

    [Fact]
    public void Deserialize_NotJson_CorruptWithJsonErrorKept()
    {
        CheckpointException ex = AssertFails(Encoding.UTF8.GetBytes("UploadId:fakeMD5::1_0_100_True_1_ETAG_42"), CheckpointFailureReason.Corrupt, "not valid JSON");

        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Theory]
    [InlineData("{\"format\":\"92611BED-89E2-46B6-89E5-72F273D4B0A3\",\"version\":1,\"data\":{}}")]
    [InlineData("{\"version\":1,\"data\":{}}")]
    [InlineData("[1,2,3]")]
    [InlineData("\"OssResumable.UploadCheckpoint\"")]
    public void Deserialize_WrongOrMissingMagic_NotACheckpoint(string json)
    {
        AssertFails(Encoding.UTF8.GetBytes(json), CheckpointFailureReason.NotACheckpoint, "not an OssResumable upload checkpoint");
    }

    [Fact]
    public void Deserialize_NewerVersion_UnsupportedVersionWithUploadHint()
    {
        byte[] content = Encoding.UTF8.GetBytes(TestCheckpoints.SignedFile(TestCheckpoints.Data(), version: 2));

        CheckpointException ex = AssertFails(content, CheckpointFailureReason.UnsupportedVersion, "newer OssResumable");

        Assert.NotNull(ex.UntrustedUpload);
        Assert.Equal(TestCheckpoints.UploadId, ex.UntrustedUpload!.UploadId);
        Assert.Equal("k", ex.UntrustedUpload.Key);
        Assert.Equal(TestCheckpoints.Bucket, ex.UntrustedUpload.Bucket);
        Assert.Equal(TestCheckpoints.Endpoint, ex.UntrustedUpload.Endpoint);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Deserialize_OlderOrInvalidVersion_UnsupportedVersion(int version)
    {
        AssertFails(Encoding.UTF8.GetBytes(TestCheckpoints.SignedFile(TestCheckpoints.Data(), version)), CheckpointFailureReason.UnsupportedVersion, "format version");
    }

    [Fact]
    public void Deserialize_VersionNotANumber_Corrupt()
    {
        AssertFails(Encoding.UTF8.GetBytes("{\"format\":\"OssResumable.UploadCheckpoint\",\"version\":\"1\",\"data\":{}}"), CheckpointFailureReason.Corrupt, "version");
    }

    [Fact]
    public void Deserialize_ByteFlippedInsideAValue_ChecksumMismatchWithUploadHint()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 1));
        byte[] content = Serialize(checkpoint);
        int index = IndexOf(content, "application/octet-stream") + 3;
        content[index] ^= 0x01; // 'l' -> 'm': still valid JSON

        CheckpointException ex = AssertFails(content, CheckpointFailureReason.ChecksumMismatch, "damaged or edited");

        Assert.Equal(TestCheckpoints.UploadId, ex.UntrustedUpload?.UploadId);
        Assert.Equal(checkpoint.CreatedUtc, ex.UntrustedUpload?.InitiatedUtc);
    }

    [Fact]
    public void Deserialize_DigitChangedInPartSize_ChecksumMismatch()
    {
        byte[] content = Serialize(TestCheckpoints.Create());
        int index = IndexOf(content, "\"partSize\": 8388608") + "\"partSize\": ".Length;
        content[index] = (byte)'9';

        AssertFails(content, CheckpointFailureReason.ChecksumMismatch, "checksum");
    }

    [Fact]
    public void Deserialize_StructureByteFlipped_Corrupt()
    {
        byte[] content = Serialize(TestCheckpoints.Create());
        int index = IndexOf(content, "\"source\": {") + "\"source\": ".Length;
        content[index] = (byte)'[';

        AssertFails(content, CheckpointFailureReason.Corrupt, "not valid JSON");
    }

    [Fact]
    public void Deserialize_ChecksumEdited_ChecksumMismatch()
    {
        string text = Encoding.UTF8.GetString(Serialize(TestCheckpoints.Create()));
        int index = text.IndexOf("sha256:", StringComparison.Ordinal) + "sha256:".Length;
        string edited = text.Substring(0, index) + (text[index] == '0' ? '1' : '0') + text.Substring(index + 1);

        AssertFails(Encoding.UTF8.GetBytes(edited), CheckpointFailureReason.ChecksumMismatch, "checksum");
    }

    [Fact]
    public void Deserialize_ChecksumMissing_Corrupt()
    {
        string json = "{\"format\":\"OssResumable.UploadCheckpoint\",\"version\":1,\"data\":" + TestCheckpoints.Data() + "}";

        AssertFails(Encoding.UTF8.GetBytes(json), CheckpointFailureReason.Corrupt, "checksum");
    }

    [Fact]
    public void Deserialize_HandSignedValidData_Loads()
    {
        UploadCheckpoint checkpoint = CheckpointSerializer.Deserialize(Encoding.UTF8.GetBytes(TestCheckpoints.SignedFile(TestCheckpoints.Data())), FilePath);

        Assert.Equal(TestCheckpoints.UploadId, checkpoint.UploadId);
        Assert.Equal(42UL, Assert.Single(checkpoint.CompletedParts).Crc64);
    }

    [Fact]
    public void Deserialize_RequiredFieldMissing_InvalidContentNamingTheField()
    {
        byte[] content = Encoding.UTF8.GetBytes(TestCheckpoints.SignedFile(TestCheckpoints.Data(includeUploadId: false)));

        AssertFails(content, CheckpointFailureReason.InvalidContent, "\"uploadId\" is missing");
    }

    [Theory]
    [InlineData("102400", "2", "[]", "partCount")]
    [InlineData("100", "1", "[]", "outside the range")]
    [InlineData("102400", "1", "[{\"partNumber\":1,\"size\":19,\"etag\":\"E\",\"crc64\":\"1\"}]", "plan says 20")]
    [InlineData("102400", "1", "[{\"partNumber\":2,\"size\":20,\"etag\":\"E\",\"crc64\":\"1\"}]", "beyond the plan")]
    [InlineData("102400", "1", "[{\"partNumber\":1,\"size\":20,\"etag\":\"E\",\"crc64\":\"1\"},{\"partNumber\":1,\"size\":20,\"etag\":\"E\",\"crc64\":\"1\"}]", "recorded twice")]
    [InlineData("102400", "1", "[{\"partNumber\":1,\"size\":20,\"etag\":\"E\",\"crc64\":\"-1\"}]", "crc64")]
    [InlineData("102400", "1", "[{\"partNumber\":1,\"size\":20,\"etag\":\"E\",\"crc64\":42}]", "should be a string")]
    [InlineData("102400", "1", "[{\"partNumber\":1,\"size\":20,\"etag\":\"\",\"crc64\":\"1\"}]", "etag\" is empty")]
    [InlineData("\"102400\"", "1", "[]", "should be a number")]
    [InlineData("102400.5", "1", "[]", "not a 64-bit integer")]
    public void Deserialize_ChecksumValidButContentInconsistent_InvalidContent(string partSize, string partCount, string parts, string expected)
    {
        byte[] content = Encoding.UTF8.GetBytes(TestCheckpoints.SignedFile(TestCheckpoints.Data(partSize, partCount, parts)));

        CheckpointException ex = AssertFails(content, CheckpointFailureReason.InvalidContent, expected);

        Assert.Equal(TestCheckpoints.UploadId, ex.UntrustedUpload?.UploadId);
    }

    [Fact]
    public void Deserialize_RandomDamage_AlwaysTypedFailureOrValidCheckpoint()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        for (int n = 1; n <= 5; n++)
        {
            checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, n));
        }

        byte[] good = Serialize(checkpoint);
        var random = new Random(12345);
        for (int i = 0; i < 500; i++)
        {
            byte[] damaged = (byte[])good.Clone();
            switch (i % 3)
            {
                case 0:
                    damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    Array.Resize(ref damaged, random.Next(damaged.Length));
                    break;
                default:
                    int at = random.Next(damaged.Length - 8);
                    Array.Clear(damaged, at, 8);
                    break;
            }

            try
            {
                UploadCheckpoint loaded = CheckpointSerializer.Deserialize(damaged, FilePath);

                // Only damage outside the checksummed data (e.g. whitespace, or a byte replaced by itself) may load.
                Assert.Equal(checkpoint.UploadId, loaded.UploadId);
                Assert.Equal(5, loaded.CompletedPartCount);
            }
            catch (CheckpointException ex)
            {
                Assert.Equal(FilePath, ex.CheckpointPath);
                Assert.StartsWith("The checkpoint '" + FilePath + "' cannot be used: ", ex.Message, StringComparison.Ordinal);
            }
        }
    }

    private static byte[] Serialize(UploadCheckpoint checkpoint) => CheckpointSerializer.Serialize(checkpoint, checkpoint.CaptureState());

    private static UploadCheckpoint RoundTrip(UploadCheckpoint checkpoint) => CheckpointSerializer.Deserialize(Serialize(checkpoint), FilePath);

    private static CheckpointException AssertFails(byte[] content, CheckpointFailureReason reason, string messagePart)
    {
        var ex = Assert.Throws<CheckpointException>(() => CheckpointSerializer.Deserialize(content, FilePath));
        Assert.Equal(reason, ex.Reason);
        Assert.Equal(FilePath, ex.CheckpointPath);
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private static int IndexOf(byte[] content, string text)
    {
        byte[] needle = Encoding.UTF8.GetBytes(text);
        int index = content.AsSpan().IndexOf(needle);
        Assert.True(index >= 0, "'" + text + "' not found in the serialized checkpoint");
        return index;
    }

    private static void Collect(JsonElement element, string path, SortedSet<string> members)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    string name = path.Length == 0 ? property.Name : path + "." + property.Name;
                    members.Add(name);
                    Collect(property.Value, name, members);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Collect(item, path + "[]", members);
                }

                break;
        }
    }
}
