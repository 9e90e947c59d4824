using System;
using System.IO;
using System.Text;
using OssResumable.Core.Checkpoints;

namespace OssResumable.Core.Tests.Checkpoints;

public class UploadIdRecordTests
{
    private static readonly DateTime Initiated = new(2024, 5, 1, 10, 21, 2, 161, DateTimeKind.Utc);

    [Fact]
    public void SaveUploadIdRecord_ThenTryLoad_RoundTripsEveryMember()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Combine("state"));
        UploadIdRecord record = Record();

        store.SaveUploadIdRecord(record);
        UploadIdRecord loaded = store.TryLoadUploadIdRecord(record.Identity)!;

        Assert.Equal(record.Identity, loaded.Identity);
        Assert.Equal(TestCheckpoints.Endpoint, loaded.Endpoint);
        Assert.Equal(TestCheckpoints.Bucket, loaded.Bucket);
        Assert.Equal(TestCheckpoints.Key, loaded.Key);
        Assert.Equal(TestCheckpoints.UploadId, loaded.UploadId);
        Assert.Equal(Initiated, loaded.InitiatedUtc);
        Assert.Equal(record.Identity.FileStem + ".upload-id.json", Path.GetFileName(store.GetUploadIdRecordPath(record.Identity)));
    }

    [Fact]
    public void TryLoadUploadIdRecord_NoFile_Null()
    {
        using var temp = new TempDirectory();

        Assert.Null(new FileCheckpointStore(temp.Path).TryLoadUploadIdRecord(Record().Identity));
    }

    [Fact]
    public void Serialize_Record_ExactMembersInOrderAndNoSecretPlace()
    {
        string text = Encoding.UTF8.GetString(UploadIdRecordSerializer.Serialize(Record()));

        Assert.StartsWith("{\n  \"format\": \"OssResumable.UploadIdRecord\",\n  \"version\": 1,\n  \"data\": {\n    \"initiatedUtc\": \"2024-05-01T10:21:02.1610000Z\",\n", text, StringComparison.Ordinal);
        Assert.Matches("\"endpoint\": .*\\n.*\"bucket\": .*\\n.*\"key\": .*\\n.*\"sourcePath\": .*\\n.*\"uploadId\": \"0004B9894A22E5B1888A1E29F8236E2D\"\\n  },\\n  \"checksum\": \"sha256:[0-9a-f]{64}\"\\n}\\n$", text);
    }

    [Fact]
    public void TryLoadUploadIdRecord_FlippedByteOutsideTheId_ChecksumMismatchWithIdAndTimeAsHint()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadIdRecord record = Record();
        store.SaveUploadIdRecord(record);
        string path = store.GetUploadIdRecordPath(record.Identity);
        File.WriteAllText(path, File.ReadAllText(path).Replace("aliyuncs", "aliyuncz", StringComparison.Ordinal));

        var ex = Assert.Throws<CheckpointException>(() => store.TryLoadUploadIdRecord(record.Identity));

        Assert.Equal(CheckpointFailureReason.ChecksumMismatch, ex.Reason);
        Assert.StartsWith("The upload ID record '" + path + "' cannot be used: ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TestCheckpoints.UploadId, ex.UntrustedUpload!.UploadId);
        Assert.Equal(Initiated, ex.UntrustedUpload.InitiatedUtc);
        Assert.Equal(TestCheckpoints.Key, ex.UntrustedUpload.Key);
    }

    [Theory]
    [InlineData("", CheckpointFailureReason.Corrupt)]
    [InlineData("{\"format\":\"OssResumable.Upload", CheckpointFailureReason.Corrupt)]
    [InlineData("{\"format\":\"OssResumable.UploadCheckpoint\",\"version\":1}", CheckpointFailureReason.NotACheckpoint)]
    [InlineData("{\"format\":\"OssResumable.UploadIdRecord\",\"version\":2,\"data\":{}}", CheckpointFailureReason.UnsupportedVersion)]
    public void TryLoadUploadIdRecord_DamagedOrForeign_CheckpointExceptionWithoutHint(string content, CheckpointFailureReason reason)
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        CheckpointIdentity identity = Record().Identity;
        File.WriteAllText(store.GetUploadIdRecordPath(identity), content);

        var ex = Assert.Throws<CheckpointException>(() => store.TryLoadUploadIdRecord(identity));

        Assert.Equal(reason, ex.Reason);
        Assert.Null(ex.UntrustedUpload);
    }

    [Fact]
    public void TryLoadUploadIdRecord_RecordOfAnotherFileCopiedHere_InvalidContent()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadIdRecord other = Record(key: "another/key");
        store.SaveUploadIdRecord(other);
        CheckpointIdentity identity = Record().Identity;
        File.Copy(store.GetUploadIdRecordPath(other.Identity), store.GetUploadIdRecordPath(identity));

        var ex = Assert.Throws<CheckpointException>(() => store.TryLoadUploadIdRecord(identity));

        Assert.Equal(CheckpointFailureReason.InvalidContent, ex.Reason);
        Assert.Contains("oss://examplebucket/another/key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_CheckpointAndRecord_BothGoneAndNoTemporaryFileLeft()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        store.Save(checkpoint);
        store.SaveUploadIdRecord(Record());
        File.WriteAllText(store.GetUploadIdRecordPath(checkpoint.Identity) + ".tmp-0123", "left by a crash");

        Assert.True(store.Delete(checkpoint.Identity));

        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Delete_RecordWithoutCheckpoint_RecordGoneReturnsFalse()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadIdRecord record = Record();
        store.SaveUploadIdRecord(record);

        Assert.False(store.Delete(record.Identity));

        Assert.Null(store.TryLoadUploadIdRecord(record.Identity));
    }

    [Fact]
    public void UploadIdRecord_EndpointWithCredentials_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new UploadIdRecord(Record().Identity, "https://id:secret@oss.example.com", TestCheckpoints.UploadId, Initiated));

        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void SaveUploadIdRecord_OnLinux_FileIsOwnerOnly()
    {
        using var temp = new TempDirectory();
        var store = new FileCheckpointStore(temp.Path);
        UploadIdRecord record = Record();

        store.SaveUploadIdRecord(record);

        Assert.Equal(Convert.ToInt32("600", 8), (int)File.GetUnixFileMode(store.GetUploadIdRecordPath(record.Identity)));
    }

    private static UploadIdRecord Record(string key = TestCheckpoints.Key) =>
        new(new CheckpointIdentity(TestCheckpoints.SourcePath, TestCheckpoints.Bucket, key), TestCheckpoints.Endpoint, TestCheckpoints.UploadId, Initiated);
}
