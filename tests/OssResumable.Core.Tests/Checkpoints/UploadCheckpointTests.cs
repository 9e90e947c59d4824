using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Checkpoints;

public class UploadCheckpointTests
{
    [Fact]
    public void Constructor_Plan_DerivesPartSizeCountAndIdentity()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create(length: 100 * TestCheckpoints.MiB, partSize: 8 * TestCheckpoints.MiB);

        Assert.Equal(8 * TestCheckpoints.MiB, checkpoint.PartSize);
        Assert.Equal(13, checkpoint.PartCount);
        Assert.Equal(new CheckpointIdentity(TestCheckpoints.SourcePath, TestCheckpoints.Bucket, TestCheckpoints.Key), checkpoint.Identity);
        Assert.Equal("oss://examplebucket/backups/2024/disk.vhdx", checkpoint.Destination);
        Assert.Equal(0, checkpoint.CompletedPartCount);
        Assert.False(checkpoint.IsComplete);
    }

    [Fact]
    public void Constructor_SinglePutObjectPlan_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new UploadCheckpoint(
            TestCheckpoints.Endpoint, TestCheckpoints.Bucket, TestCheckpoints.Key, TestCheckpoints.UploadId, UploadPlanner.Plan(100), TestCheckpoints.Snapshot(100), null));
    }

    [Fact]
    public void Constructor_PlanForOtherLength_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new UploadCheckpoint(
            TestCheckpoints.Endpoint, TestCheckpoints.Bucket, TestCheckpoints.Key, TestCheckpoints.UploadId, UploadPlanner.PlanMultipart(200, 102_400), TestCheckpoints.Snapshot(100), null));
    }

    [Theory]
    [InlineData("https://user:pass@oss-cn-hangzhou.aliyuncs.com")]
    [InlineData("https://oss-cn-hangzhou.aliyuncs.com/?OSSAccessKeyId=x&Signature=y")]
    [InlineData("https://oss-cn-hangzhou.aliyuncs.com/#frag")]
    [InlineData("https://oss cn.aliyuncs.com")]
    [InlineData("")]
    public void Constructor_EndpointWithCredentialsQueryOrSpaces_Rejected(string endpoint)
    {
        var ex = Assert.Throws<ArgumentException>(() => new UploadCheckpoint(
            endpoint, TestCheckpoints.Bucket, TestCheckpoints.Key, TestCheckpoints.UploadId, UploadPlanner.PlanMultipart(100, 102_400), TestCheckpoints.Snapshot(100), null));

        Assert.Equal("endpoint", ex.ParamName);
        Assert.DoesNotContain("pass", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "k", "u")]
    [InlineData("b", "", "u")]
    [InlineData("b", "k", "")]
    public void Constructor_EmptyDestinationOrUploadId_Rejected(string bucket, string key, string uploadId)
    {
        Assert.Throws<ArgumentException>(() => new UploadCheckpoint(
            TestCheckpoints.Endpoint, bucket, key, uploadId, UploadPlanner.PlanMultipart(100, 102_400), TestCheckpoints.Snapshot(100), null));
    }

    [Fact]
    public void RecordCompletedPart_Parts_TrackedInOrderWithBytes()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();

        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 13));
        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 2));

        Assert.Equal(new[] { 2, 13 }, checkpoint.CompletedParts.Select(p => p.PartNumber));
        Assert.Equal((8 + 4) * TestCheckpoints.MiB, checkpoint.CompletedBytes);
        Assert.True(checkpoint.TryGetCompletedPart(13, out StoredPart? part));
        Assert.Equal(4 * TestCheckpoints.MiB, part!.Size);
        Assert.False(checkpoint.TryGetCompletedPart(1, out _));
    }

    [Fact]
    public void RecordCompletedPart_SamePartAgain_ReplacesWithoutDoubleCounting()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        checkpoint.RecordCompletedPart(new StoredPart(1, 8 * TestCheckpoints.MiB, "\"A\"", 1));

        checkpoint.RecordCompletedPart(new StoredPart(1, 8 * TestCheckpoints.MiB, "\"B\"", 2));

        Assert.Equal("\"B\"", Assert.Single(checkpoint.CompletedParts).ETag);
        Assert.Equal(8 * TestCheckpoints.MiB, checkpoint.CompletedBytes);
    }

    [Fact]
    public void RecordCompletedPart_SizeNotMatchingPlan_Rejected()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => checkpoint.RecordCompletedPart(new StoredPart(13, 8 * TestCheckpoints.MiB, "E", 1)));

        Assert.Contains("plan says 4194304", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordCompletedPart_NumberBeyondPlan_Rejected()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();

        Assert.Throws<ArgumentOutOfRangeException>(() => checkpoint.RecordCompletedPart(new StoredPart(14, 1, "E", 1)));
    }

    [Fact]
    public void ForgetPart_RecordedPart_RemovedAndBytesAdjusted()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 1));
        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 2));

        Assert.True(checkpoint.ForgetPart(1));
        Assert.False(checkpoint.ForgetPart(1));
        Assert.Equal(2, Assert.Single(checkpoint.CompletedParts).PartNumber);
        Assert.Equal(8 * TestCheckpoints.MiB, checkpoint.CompletedBytes);
    }

    [Fact]
    public void RecordCompletedPart_Changes_IncreaseRevisionAndUpdateTime()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();
        long revision = checkpoint.Revision;
        DateTime created = checkpoint.CreatedUtc;

        checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, 1));

        Assert.True(checkpoint.Revision > revision);
        Assert.True(checkpoint.UpdatedUtc >= created);
    }

    [Fact]
    public void IsComplete_EveryPartRecorded_True()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create();

        foreach (PartRange part in checkpoint.Plan.Parts)
        {
            checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, part.PartNumber));
        }

        Assert.True(checkpoint.IsComplete);
        Assert.Equal(checkpoint.Source.Length, checkpoint.CompletedBytes);
    }

    [Fact]
    public async Task RecordCompletedPart_ManyThreads_EveryPartRecorded()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create(length: 2000 * 102_400L, partSize: 102_400);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (int number = thread + 1; number <= 2000; number += 8)
            {
                checkpoint.RecordCompletedPart(TestCheckpoints.PartFor(checkpoint, number));
            }
        })));

        Assert.Equal(2000, checkpoint.CompletedPartCount);
        Assert.Equal(Enumerable.Range(1, 2000), checkpoint.CompletedParts.Select(p => p.PartNumber));
        Assert.Equal(2000 * 102_400L, checkpoint.CompletedBytes);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(10_001, 1)]
    [InlineData(1, 0)]
    public void CheckpointPart_OutOfRange_Rejected(int number, long size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StoredPart(number, size, "E", 0));
    }

    [Fact]
    public void CheckpointPart_EmptyETag_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new StoredPart(1, 1, string.Empty, 0));
    }

    [Fact]
    public void ObjectHeaders_MixedCaseInput_StoredLowercaseAndSorted()
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create(headers: new Dictionary<string, string>
        {
            ["X-Oss-Storage-Class"] = "IA",
            ["Content-Type"] = "text/plain",
        });

        Assert.Equal(new[] { "content-type", "x-oss-storage-class" }, checkpoint.ObjectHeaders.Keys);
    }
}
