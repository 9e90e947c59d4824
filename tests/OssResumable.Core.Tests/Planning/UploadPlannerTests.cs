using System;
using System.Linq;
using OssResumable.Core.Planning;

namespace OssResumable.Core.Tests.Planning;

public class UploadPlannerTests
{
    private const long MiB = 1024 * 1024;
    private const long GiB = 1024 * MiB;

    [Fact]
    public void Plan_EmptyFile_SinglePutObject()
    {
        UploadPlan plan = UploadPlanner.Plan(0);

        Assert.False(plan.IsMultipart);
        Assert.Equal(1, plan.PartCount);
        Assert.Equal(new PartRange(1, 0, 0), plan.GetPart(1));
    }

    [Fact]
    public void Plan_EmptyFileWithZeroThreshold_StillSinglePutObject()
    {
        UploadPlan plan = UploadPlanner.Plan(0, null, 0);

        Assert.False(plan.IsMultipart);
    }

    [Theory]
    [InlineData(16L * 1024 * 1024 - 1, false)]
    [InlineData(16L * 1024 * 1024, true)]
    [InlineData(16L * 1024 * 1024 + 1, true)]
    public void Plan_AroundDefaultThreshold_SwitchesAtThreshold(long length, bool multipart)
    {
        Assert.Equal(multipart, UploadPlanner.Plan(length).IsMultipart);
    }

    [Theory]
    [InlineData(999, false)]
    [InlineData(1000, true)]
    [InlineData(1001, true)]
    public void Plan_AroundCustomThreshold_SwitchesAtThreshold(long length, bool multipart)
    {
        Assert.Equal(multipart, UploadPlanner.Plan(length, null, 1000).IsMultipart);
    }

    [Fact]
    public void Plan_ZeroThresholdOneByte_MultipartWithOneShortPart()
    {
        UploadPlan plan = UploadPlanner.Plan(1, null, 0);

        Assert.True(plan.IsMultipart);
        Assert.Equal(1, plan.PartCount);
        Assert.Equal(new PartRange(1, 0, 1), plan.GetPart(1));
    }

    [Fact]
    public void Plan_BelowThreshold_SinglePartCoversWholeFile()
    {
        UploadPlan plan = UploadPlanner.Plan(12345);

        Assert.False(plan.IsMultipart);
        Assert.Equal(12345, plan.PartSize);
        Assert.Equal(new PartRange(1, 0, 12345), Assert.Single(plan.Parts));
    }

    [Fact]
    public void Plan_JustBelowPutObjectLimitWithHugeThreshold_SinglePutObject()
    {
        UploadPlan plan = UploadPlanner.Plan(UploadLimits.MaxPutObjectSize - 1, null, long.MaxValue);

        Assert.False(plan.IsMultipart);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Plan_AtOrAbovePutObjectLimitWithHugeThreshold_Multipart(long extra)
    {
        UploadPlan plan = UploadPlanner.Plan(UploadLimits.MaxPutObjectSize + extra, null, long.MaxValue);

        Assert.True(plan.IsMultipart);
    }

    [Fact]
    public void Plan_OneGibibyte_DefaultPartSize()
    {
        UploadPlan plan = UploadPlanner.Plan(GiB);

        Assert.True(plan.IsMultipart);
        Assert.True(plan.IsPartSizeAutomatic);
        Assert.Equal(8 * MiB, plan.PartSize);
        Assert.Equal(128, plan.PartCount);
        Assert.Equal(8 * MiB, plan.LastPartLength);
    }

    [Theory]
    [InlineData(100L * 1024 * 1024 * 1024, 11L * 1024 * 1024, 9310, 1L * 1024 * 1024)]
    [InlineData(500L * 1024 * 1024 * 1024, 52L * 1024 * 1024, 9847, 8L * 1024 * 1024)]
    [InlineData(1024L * 1024 * 1024 * 1024, 105L * 1024 * 1024, 9987, 48234496)]
    [InlineData(48_800_000_000_000, 4654L * 1024 * 1024, 10000, 4153032704)]
    [InlineData(10000L * 5 * 1024 * 1024 * 1024, 5L * 1024 * 1024 * 1024, 10000, 5L * 1024 * 1024 * 1024)]
    public void Plan_HugeFiles_PartSizeGrownToStayWithinTenThousandParts(long length, long partSize, int partCount, long lastPart)
    {
        UploadPlan plan = UploadPlanner.Plan(length);

        Assert.Equal(partSize, plan.PartSize);
        Assert.Equal(partCount, plan.PartCount);
        Assert.Equal(lastPart, plan.LastPartLength);
    }

    [Fact]
    public void Plan_ExactlyTenThousandDefaultParts_KeepsDefaultPartSize()
    {
        UploadPlan plan = UploadPlanner.Plan(10_000 * 8 * MiB);

        Assert.Equal(8 * MiB, plan.PartSize);
        Assert.Equal(10_000, plan.PartCount);
    }

    [Fact]
    public void Plan_OneByteMoreThanTenThousandDefaultParts_GrowsToNextMebibyte()
    {
        UploadPlan plan = UploadPlanner.Plan((10_000 * 8 * MiB) + 1);

        Assert.Equal(9 * MiB, plan.PartSize);
        Assert.Equal(8889, plan.PartCount);
    }

    [Fact]
    public void Plan_LargestStorableFile_TenThousandPartsOfFiveGibibytes()
    {
        UploadPlan plan = UploadPlanner.Plan(UploadLimits.MaxObjectSize);

        Assert.Equal(UploadLimits.MaxPartSize, plan.PartSize);
        Assert.Equal(UploadLimits.MaxPartCount, plan.PartCount);
    }

    [Theory]
    [InlineData(10000L * 5 * 1024 * 1024 * 1024 + 1)]
    [InlineData(long.MaxValue)]
    public void Plan_LargerThanOssCanStore_RefusedUpFront(long length)
    {
        var ex = Assert.Throws<UploadPlanningException>(() => UploadPlanner.Plan(length));

        Assert.Equal(UploadPlanningFailure.FileTooLarge, ex.Reason);
        Assert.Contains("53,687,091,200,000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_LargerThanOssCanStoreWithExplicitPartSize_RefusedAsTooLarge()
    {
        var ex = Assert.Throws<UploadPlanningException>(() => UploadPlanner.Plan(UploadLimits.MaxObjectSize + 1, UploadLimits.MaxPartSize, 0));

        Assert.Equal(UploadPlanningFailure.FileTooLarge, ex.Reason);
    }

    [Fact]
    public void Plan_AutomaticSizesAcrossManyLengths_AreMinimalAlignedAndWithinLimits()
    {
        var random = new Random(20240501);
        long[] lengths = Enumerable.Range(0, 2000)
            .Select(_ => (long)(random.NextDouble() * UploadLimits.MaxObjectSize))
            .Concat(new[] { 83_886_080_000L, 83_886_080_001L, UploadLimits.MaxObjectSize, UploadLimits.MaxObjectSize - 1 })
            .Where(length => length >= UploadLimits.DefaultMultipartThreshold)
            .ToArray();

        foreach (long length in lengths)
        {
            UploadPlan plan = UploadPlanner.Plan(length);

            Assert.True(plan.PartCount <= UploadLimits.MaxPartCount, $"{length}: {plan.PartCount} parts");
            Assert.Equal(0, plan.PartSize % MiB);
            Assert.InRange(plan.PartSize, UploadLimits.DefaultPartSize, UploadLimits.MaxPartSize);
            Assert.Equal(length, ((long)(plan.PartCount - 1) * plan.PartSize) + plan.LastPartLength);
            Assert.InRange(plan.LastPartLength, 1, plan.PartSize);
            if (plan.PartSize > UploadLimits.DefaultPartSize)
            {
                long smaller = plan.PartSize - MiB;
                long countWithSmaller = (length + smaller - 1) / smaller;
                Assert.True(countWithSmaller > UploadLimits.MaxPartCount, $"{length}: {smaller} would also fit");
            }
        }
    }

    [Theory]
    [InlineData(102_400)]
    [InlineData(5L * 1024 * 1024 * 1024)]
    public void Plan_RequestedPartSizeAtRangeEdges_Accepted(long partSize)
    {
        UploadPlan plan = UploadPlanner.Plan(20 * MiB, partSize, 0);

        Assert.Equal(partSize, plan.PartSize);
        Assert.False(plan.IsPartSizeAutomatic);
    }

    [Theory]
    [InlineData(102_399)]
    [InlineData(5L * 1024 * 1024 * 1024 + 1)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Plan_RequestedPartSizeOutsideRange_ErrorNamesTheRange(long partSize)
    {
        var ex = Assert.Throws<UploadPlanningException>(() => UploadPlanner.Plan(20 * MiB, partSize, 0));

        Assert.Equal(UploadPlanningFailure.PartSizeOutOfRange, ex.Reason);
        Assert.Equal("requestedPartSize", ex.ParamName);
        Assert.Contains("102,400 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("5,368,709,120 bytes", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_InvalidPartSizeForSmallFile_StillRejected()
    {
        var ex = Assert.Throws<UploadPlanningException>(() => UploadPlanner.Plan(10, 50_000, UploadLimits.DefaultMultipartThreshold));

        Assert.Equal(UploadPlanningFailure.PartSizeOutOfRange, ex.Reason);
    }

    [Fact]
    public void Plan_RequestedPartSizeNeedingTooManyParts_ErrorNamesSmallestWorkableSize()
    {
        var ex = Assert.Throws<UploadPlanningException>(() => UploadPlanner.Plan(2 * GiB, 102_400, 0));

        Assert.Equal(UploadPlanningFailure.TooManyParts, ex.Reason);
        Assert.Equal(214_749, ex.SmallestWorkablePartSize);
        Assert.Contains("214,749", ex.Message, StringComparison.Ordinal);
        Assert.Contains("20,972 parts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("10,000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SmallestWorkablePartSize_WorksAndOneLessDoesNot()
    {
        long length = (2 * GiB) + 12345;
        long smallest = UploadPlanner.SmallestPartSizeFor(length);

        UploadPlan plan = UploadPlanner.Plan(length, smallest, 0);
        Assert.True(plan.PartCount <= UploadLimits.MaxPartCount);
        Assert.Throws<UploadPlanningException>(() => UploadPlanner.Plan(length, smallest - 1, 0));
    }

    [Fact]
    public void Plan_ExplicitPartSizeForFileBelowThreshold_SinglePutObjectIgnoresPartSize()
    {
        UploadPlan plan = UploadPlanner.Plan(5 * MiB, 102_400, 16 * MiB);

        Assert.False(plan.IsMultipart);
        Assert.Equal(5 * MiB, plan.PartSize);
    }

    [Fact]
    public void Plan_ExactMultipleOfPartSize_LastPartIsFull()
    {
        UploadPlan plan = UploadPlanner.Plan(3 * MiB, MiB, 0);

        Assert.Equal(3, plan.PartCount);
        Assert.Equal(new[] { new PartRange(1, 0, MiB), new PartRange(2, MiB, MiB), new PartRange(3, 2 * MiB, MiB) }, plan.Parts.ToArray());
    }

    [Fact]
    public void Plan_OneByteOverMultiple_LastPartIsOneByte()
    {
        UploadPlan plan = UploadPlanner.Plan((3 * MiB) + 1, MiB, 0);

        Assert.Equal(4, plan.PartCount);
        Assert.Equal(new PartRange(4, 3 * MiB, 1), plan.GetPart(4));
    }

    [Fact]
    public void Plan_PartSizeLargerThanFile_OnePart()
    {
        UploadPlan plan = UploadPlanner.Plan(20 * MiB, 64 * MiB, 0);

        Assert.Equal(1, plan.PartCount);
        Assert.Equal(new PartRange(1, 0, 20 * MiB), plan.GetPart(1));
    }

    [Fact]
    public void Plan_TenThousandParts_RangesAreContiguousAndCoverTheFile()
    {
        long length = (10_000 * 8 * MiB) - 3;
        UploadPlan plan = UploadPlanner.Plan(length);

        long expectedOffset = 0;
        int expectedNumber = 1;
        foreach (PartRange part in plan.Parts)
        {
            Assert.Equal(expectedNumber++, part.PartNumber);
            Assert.Equal(expectedOffset, part.Offset);
            expectedOffset = part.End;
        }

        Assert.Equal(10_001, expectedNumber);
        Assert.Equal(length, expectedOffset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(129)]
    public void GetPart_NumberOutsidePlan_Throws(int number)
    {
        UploadPlan plan = UploadPlanner.Plan(GiB);

        Assert.Throws<ArgumentOutOfRangeException>(() => plan.GetPart(number));
    }

    [Fact]
    public void Plan_NegativeLength_ArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => UploadPlanner.Plan(-1));

        Assert.Equal("fileLength", ex.ParamName);
    }

    [Fact]
    public void Plan_NegativeThreshold_ArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => UploadPlanner.Plan(10, null, -1));

        Assert.Equal("multipartThreshold", ex.ParamName);
    }

    [Fact]
    public void PlanMultipart_RecordedPartSize_IgnoresThreshold()
    {
        UploadPlan plan = UploadPlanner.PlanMultipart(1000, 102_400);

        Assert.True(plan.IsMultipart);
        Assert.Equal(1, plan.PartCount);
        Assert.Equal(1000, plan.LastPartLength);
    }

    [Fact]
    public void PlanMultipart_EmptyFile_ArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UploadPlanner.PlanMultipart(0, 102_400));
    }

    [Fact]
    public void PlanMultipart_PartSizeTooSmallForFile_TooManyParts()
    {
        var ex = Assert.Throws<UploadPlanningException>(() => UploadPlanner.PlanMultipart(10 * GiB, 102_400));

        Assert.Equal(UploadPlanningFailure.TooManyParts, ex.Reason);
    }

    [Theory]
    [InlineData(0, 8L * 1024 * 1024)]
    [InlineData(1, 8L * 1024 * 1024)]
    [InlineData(83_886_080_000, 8L * 1024 * 1024)]
    [InlineData(83_886_080_001, 9L * 1024 * 1024)]
    public void ChooseAutomaticPartSize_Lengths_ExpectedSizes(long length, long expected)
    {
        Assert.Equal(expected, UploadPlanner.ChooseAutomaticPartSize(length));
    }

    [Theory]
    [InlineData(0, 102_400)]
    [InlineData(1_024_000_000, 102_400)]
    [InlineData(1_024_000_001, 102_401)]
    [InlineData(10000L * 5 * 1024 * 1024 * 1024, 5L * 1024 * 1024 * 1024)]
    public void SmallestPartSizeFor_Lengths_CeilingOverTenThousandButAtLeastMinimum(long length, long expected)
    {
        Assert.Equal(expected, UploadPlanner.SmallestPartSizeFor(length));
    }

    [Fact]
    public void ToString_MultipartPlan_DescribesPartsInBytesAndUnits()
    {
        string text = UploadPlanner.Plan(GiB).ToString();

        Assert.Equal("multipart upload of 1 GiB (1,073,741,824 bytes): 128 part(s) of 8 MiB (8,388,608 bytes) (automatic)", text);
    }

    [Fact]
    public void Limits_DerivedValues_MatchOssDocumentation()
    {
        Assert.Equal(102_400, UploadLimits.MinPartSize);
        Assert.Equal(5_368_709_120, UploadLimits.MaxPartSize);
        Assert.Equal(5_368_709_120, UploadLimits.MaxPutObjectSize);
        Assert.Equal(10_000, UploadLimits.MaxPartCount);
        Assert.Equal(53_687_091_200_000, UploadLimits.MaxObjectSize);
        Assert.True(UploadLimits.DefaultMultipartThreshold >= UploadLimits.DefaultPartSize);
        Assert.InRange(UploadLimits.DefaultPartSize, UploadLimits.MinPartSize, UploadLimits.MaxPartSize);
        Assert.InRange(UploadLimits.DefaultThreads, 1, UploadLimits.MaxThreads);
    }
}
