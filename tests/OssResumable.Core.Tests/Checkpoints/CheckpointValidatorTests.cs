using System;
using System.Collections.Generic;
using System.Linq;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;

namespace OssResumable.Core.Tests.Checkpoints;

public class CheckpointValidatorTests
{
    [Fact]
    public void Validate_SameSituation_Usable()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();

        CheckpointValidationResult result = CheckpointValidator.Validate(checkpoint, TestCheckpoints.ExpectationFor(checkpoint, 8 * TestCheckpoints.MiB));

        Assert.True(result.IsUsable);
        Assert.Empty(result.Mismatches);
        Assert.Equal("The checkpoint can be resumed.", result.Describe());
    }

    [Fact]
    public void Validate_SourceGrew_SourceLengthMismatchWithBothSizes()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create(length: 10 * TestCheckpoints.MiB, partSize: 102_400);
        var expected = new CheckpointExpectation(
            TestCheckpoints.Snapshot(12 * TestCheckpoints.MiB), checkpoint.Endpoint, checkpoint.Bucket, checkpoint.Key, null, checkpoint.ObjectHeaders);

        CheckpointValidationResult result = CheckpointValidator.Validate(checkpoint, expected);

        CheckpointMismatch mismatch = Assert.Single(result.Mismatches);
        Assert.Equal(CheckpointMismatchKind.SourceLength, mismatch.Kind);
        Assert.Equal(
            "the source file changed size (10 MiB (10,485,760 bytes) in the checkpoint, 12 MiB (12,582,912 bytes) now)",
            mismatch.Message);
    }

    [Fact]
    public void Validate_SourceTouched_LastWriteTimeMismatch()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        var expected = new CheckpointExpectation(
            TestCheckpoints.Snapshot(written: TestCheckpoints.WrittenAt.AddSeconds(2)), checkpoint.Endpoint, checkpoint.Bucket, checkpoint.Key, null, checkpoint.ObjectHeaders);

        CheckpointValidationResult result = CheckpointValidator.Validate(checkpoint, expected);

        Assert.Equal(CheckpointMismatchKind.SourceLastWriteTime, Assert.Single(result.Mismatches).Kind);
        Assert.Contains("was modified", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SourceReplacedSameSizeAndTime_ContentMismatch()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        var expected = new CheckpointExpectation(
            TestCheckpoints.Snapshot(fingerprint: "sha256-hmt64k:ff"), checkpoint.Endpoint, checkpoint.Bucket, checkpoint.Key, null, checkpoint.ObjectHeaders);

        CheckpointValidationResult result = CheckpointValidator.Validate(checkpoint, expected);

        Assert.Equal(CheckpointMismatchKind.SourceContent, Assert.Single(result.Mismatches).Kind);
    }

    [Fact]
    public void Validate_OtherSourcePath_SourcePathMismatch()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        var expected = new CheckpointExpectation(
            TestCheckpoints.Snapshot(path: "/data/other.vhdx"), checkpoint.Endpoint, checkpoint.Bucket, checkpoint.Key, null, checkpoint.ObjectHeaders);

        Assert.True(CheckpointValidator.Validate(checkpoint, expected).Has(CheckpointMismatchKind.SourcePath));
    }

    [Fact]
    public void Validate_RequestedPartSizeDiffers_PartSizeMismatchWithBothSizes()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();

        CheckpointValidationResult result = CheckpointValidator.Validate(checkpoint, TestCheckpoints.ExpectationFor(checkpoint, 16 * TestCheckpoints.MiB));

        CheckpointMismatch mismatch = Assert.Single(result.Mismatches);
        Assert.Equal(CheckpointMismatchKind.PartSize, mismatch.Kind);
        Assert.Equal("the part size differs (8 MiB (8,388,608 bytes) in the checkpoint, 16 MiB (16,777,216 bytes) requested)", mismatch.Message);
    }

    [Fact]
    public void Validate_AutomaticPartSizeAndRecordedSizeStillValid_Usable()
    {
        // Recorded with a part size the current default would not choose: still resumable.
        UploadCheckpoint checkpoint = TestCheckpoints.Create(partSize: 5 * TestCheckpoints.MiB);

        Assert.True(CheckpointValidator.Validate(checkpoint, TestCheckpoints.ExpectationFor(checkpoint, partSize: null)).IsUsable);
    }

    [Fact]
    public void Validate_AutomaticPartSizeAndFileGrewBeyondTenThousandParts_PartSizeMismatch()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create(length: 1_000_000_000, partSize: 102_400);
        var expected = new CheckpointExpectation(
            TestCheckpoints.Snapshot(2_000_000_000), checkpoint.Endpoint, checkpoint.Bucket, checkpoint.Key, null, checkpoint.ObjectHeaders);

        CheckpointValidationResult result = CheckpointValidator.Validate(checkpoint, expected);

        Assert.True(result.Has(CheckpointMismatchKind.SourceLength));
        Assert.True(result.Has(CheckpointMismatchKind.PartSize));
    }

    [Fact]
    public void Validate_AutomaticPartSizeAndFileNowEmpty_PartSizeMismatch()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        var expected = new CheckpointExpectation(
            TestCheckpoints.Snapshot(0), checkpoint.Endpoint, checkpoint.Bucket, checkpoint.Key, null, checkpoint.ObjectHeaders);

        Assert.True(CheckpointValidator.Validate(checkpoint, expected).Has(CheckpointMismatchKind.PartSize));
    }

    [Theory]
    [InlineData("oss-cn-hangzhou.aliyuncs.com")]
    [InlineData("https://OSS-CN-HANGZHOU.aliyuncs.com/")]
    [InlineData(" https://oss-cn-hangzhou.aliyuncs.com ")]
    public void Validate_EquivalentEndpointSpelling_Usable(string endpoint)
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        var expected = new CheckpointExpectation(checkpoint.Source, endpoint, checkpoint.Bucket, checkpoint.Key, null, checkpoint.ObjectHeaders);

        Assert.True(CheckpointValidator.Validate(checkpoint, expected).IsUsable);
    }

    [Theory]
    [InlineData("http://oss-cn-hangzhou.aliyuncs.com")]
    [InlineData("https://oss-cn-hangzhou-internal.aliyuncs.com")]
    public void Validate_OtherEndpoint_EndpointMismatch(string endpoint)
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        var expected = new CheckpointExpectation(checkpoint.Source, endpoint, checkpoint.Bucket, checkpoint.Key, null, checkpoint.ObjectHeaders);

        CheckpointMismatch mismatch = Assert.Single(CheckpointValidator.Validate(checkpoint, expected).Mismatches);
        Assert.Equal(CheckpointMismatchKind.Endpoint, mismatch.Kind);
        Assert.Equal(TestCheckpoints.Endpoint, mismatch.Recorded);
        Assert.Equal(endpoint, mismatch.Current);
    }

    [Fact]
    public void Validate_OtherBucketAndKey_BothReported()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        var expected = new CheckpointExpectation(checkpoint.Source, checkpoint.Endpoint, "otherbucket", "other/key", null, checkpoint.ObjectHeaders);

        CheckpointValidationResult result = CheckpointValidator.Validate(checkpoint, expected);

        Assert.True(result.Has(CheckpointMismatchKind.Bucket));
        Assert.True(result.Has(CheckpointMismatchKind.Key));
        Assert.Equal(2, result.Mismatches.Count);
    }

    [Fact]
    public void Validate_StorageClassChangedAndHeaderAdded_ObjectHeadersMismatchListsBoth()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/octet-stream",
            ["x-oss-storage-class"] = "Standard",
            ["x-oss-meta-owner"] = "ops",
        };
        var expected = new CheckpointExpectation(checkpoint.Source, checkpoint.Endpoint, checkpoint.Bucket, checkpoint.Key, null, headers);

        CheckpointMismatch mismatch = Assert.Single(CheckpointValidator.Validate(checkpoint, expected).Mismatches);

        Assert.Equal(CheckpointMismatchKind.ObjectHeaders, mismatch.Kind);
        Assert.Equal(
            "the object options differ (x-oss-meta-owner: (none), x-oss-storage-class: 'IA' in the checkpoint; x-oss-meta-owner: 'ops', x-oss-storage-class: 'Standard' requested)",
            mismatch.Message);
    }

    [Fact]
    public void Validate_HeaderNamesInOtherCase_Usable()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        var headers = new Dictionary<string, string> { ["content-type"] = "application/octet-stream", ["X-OSS-Storage-Class"] = "IA" };
        var expected = new CheckpointExpectation(checkpoint.Source, checkpoint.Endpoint, checkpoint.Bucket, checkpoint.Key, null, headers);

        Assert.True(CheckpointValidator.Validate(checkpoint, expected).IsUsable);
    }

    [Fact]
    public void Validate_SeveralDifferences_EveryOneNamedInDescription()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        var expected = new CheckpointExpectation(
            TestCheckpoints.Snapshot(12 * TestCheckpoints.MiB, written: TestCheckpoints.WrittenAt.AddHours(1)),
            checkpoint.Endpoint,
            checkpoint.Bucket,
            checkpoint.Key,
            16 * TestCheckpoints.MiB,
            checkpoint.ObjectHeaders);

        CheckpointValidationResult result = CheckpointValidator.Validate(checkpoint, expected);

        Assert.False(result.IsUsable);
        Assert.Equal(
            new[] { CheckpointMismatchKind.SourceLength, CheckpointMismatchKind.SourceLastWriteTime, CheckpointMismatchKind.PartSize },
            result.Mismatches.Select(m => m.Kind));
        string description = result.Describe();
        Assert.StartsWith("The checkpoint cannot be resumed: the source file changed size", description, StringComparison.Ordinal);
        Assert.Contains("the part size differs", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RealFileCapturedTwice_Usable()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", TempDirectory.Pattern(300_000));
        SourceSnapshot source = SourceSnapshot.Capture(path);
        var checkpoint = new UploadCheckpoint(TestCheckpoints.Endpoint, "b", "k", "u", UploadPlanner.PlanMultipart(source.Length, 102_400), source, null);

        var expected = new CheckpointExpectation(SourceSnapshot.Capture(path), TestCheckpoints.Endpoint, "b", "k", 102_400, null);

        Assert.True(CheckpointValidator.Validate(checkpoint, expected).IsUsable);
    }
}
