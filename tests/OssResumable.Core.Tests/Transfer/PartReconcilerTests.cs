using System;
using System.Linq;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Tests.Transfer;

public class PartReconcilerTests
{
    private const long Part = 102_400;

    // 3 full parts and a last part of 500 bytes.
    private static readonly UploadPlan Plan = UploadPlanner.PlanMultipart((3 * Part) + 500, Part);

    [Fact]
    public void Reconcile_RecordedPartsConfirmedByServer_KeptAndNothingElseToSend()
    {
        var recorded = new[] { Recorded(1), Recorded(2) };
        var listed = new[] { Listed(1), Listed(2) };

        PartReconciliation result = PartReconciler.Reconcile(Plan, recorded, listed);

        Assert.Equal(new[] { 1, 2 }, result.Kept.Select(p => p.PartNumber));
        Assert.Empty(result.Forgotten);
        Assert.Empty(result.Candidates);
        Assert.Empty(result.Notes);
        Assert.Equal(new[] { 3, 4 }, result.BuildWork().Select(w => w.Range.PartNumber));
        Assert.All(result.BuildWork(), w => Assert.Null(w.Candidate));
    }

    [Fact]
    public void Reconcile_ETagQuotesAndCaseDiffer_StillConfirmed()
    {
        var recorded = new[] { new StoredPart(1, Part, "\"abcdef\"", 11) };
        var listed = new[] { new ListedPart(1, Part, "ABCDEF", 11, DateTimeOffset.UtcNow) };

        PartReconciliation result = PartReconciler.Reconcile(Plan, recorded, listed);

        Assert.Single(result.Kept);
    }

    [Fact]
    public void Reconcile_RecordedPartNotListed_ForgottenAndSent()
    {
        PartReconciliation result = PartReconciler.Reconcile(Plan, new[] { Recorded(2) }, Array.Empty<ListedPart>());

        Assert.Empty(result.Kept);
        Assert.Equal(new[] { 2 }, result.Forgotten);
        Assert.Contains(result.Notes, n => n.Contains("OSS does not list it", StringComparison.Ordinal));
        Assert.Equal(4, result.BuildWork().Count);
    }

    [Theory]
    [InlineData("etag")]
    [InlineData("crc")]
    public void Reconcile_ServerPartDiffersFromRecord_ForgottenAndBecomesCandidate(string difference)
    {
        var listed = difference == "etag"
            ? new ListedPart(2, Part, "\"OTHER\"", Crc(2), DateTimeOffset.UtcNow)
            : new ListedPart(2, Part, ETag(2), 999, DateTimeOffset.UtcNow);

        PartReconciliation result = PartReconciler.Reconcile(Plan, new[] { Recorded(2) }, new[] { listed });

        Assert.Empty(result.Kept);
        Assert.Equal(new[] { 2 }, result.Forgotten);
        Assert.Same(listed.ETag, result.Candidates[2].ETag);
        Assert.Equal(listed.Crc64, result.Candidates[2].Crc64);
        Assert.Contains(result.Notes, n => n.StartsWith("Part 2 on OSS differs from the checkpoint", StringComparison.Ordinal));
        Assert.Equal(2, result.BuildWork().Single(w => w.Candidate is not null).Range.PartNumber);
    }

    [Fact]
    public void Reconcile_ServerPartNotRecorded_IsCandidateToVerify()
    {
        PartReconciliation result = PartReconciler.Reconcile(Plan, new[] { Recorded(1) }, new[] { Listed(1), Listed(4, 500) });

        Assert.Single(result.Kept);
        Assert.Empty(result.Forgotten);
        Assert.Equal(500, result.Candidates[4].Size);
        Assert.Equal(Crc(4), result.Candidates[4].Crc64);
    }

    [Fact]
    public void Reconcile_ServerPartWithWrongSizeOrWithoutCrc_NotACandidate()
    {
        var listed = new[]
        {
            new ListedPart(2, Part - 1, ETag(2), Crc(2), DateTimeOffset.UtcNow),
            new ListedPart(3, Part, ETag(3), null, DateTimeOffset.UtcNow),
        };

        PartReconciliation result = PartReconciler.Reconcile(Plan, Array.Empty<StoredPart>(), listed);

        Assert.Empty(result.Candidates);
        Assert.Equal(2, result.Notes.Count);
        Assert.Equal(4, result.BuildWork().Count);
    }

    [Fact]
    public void Reconcile_RecordedPartListedWithoutCrc_KeptOnSizeAndETag()
    {
        var listed = new[] { new ListedPart(1, Part, ETag(1), null, DateTimeOffset.UtcNow) };

        PartReconciliation result = PartReconciler.Reconcile(Plan, new[] { Recorded(1) }, listed);

        Assert.Equal(Crc(1), Assert.Single(result.Kept).Crc64);
    }

    [Fact]
    public void Reconcile_ServerPartBeyondThePlan_IgnoredWithANote()
    {
        PartReconciliation result = PartReconciler.Reconcile(Plan, Array.Empty<StoredPart>(), new[] { Listed(9, Part) });

        Assert.Empty(result.Candidates);
        Assert.Contains(result.Notes, n => n.Contains("beyond the 4 parts", StringComparison.Ordinal));
    }

    private static string ETag(int number) => "\"ETAG" + number + "\"";

    private static ulong Crc(int number) => (ulong)number * 1000;

    private static StoredPart Recorded(int number) => new(number, Plan.GetPart(number).Length, ETag(number), Crc(number));

    private static ListedPart Listed(int number, long? size = null) =>
        new(number, size ?? Plan.GetPart(number).Length, ETag(number), Crc(number), DateTimeOffset.UtcNow);
}
