using System;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Tests.Transfer;

public class PartSizeInferenceTests
{
    private const long Part = 102_400;

    [Fact]
    public void Infer_RequestedPartSize_UsedAndMisfitsCounted()
    {
        var listed = new[] { Listed(1, 2 * Part) };

        UploadPlan plan = PartSizeInference.Infer(10 * Part, Part, listed, out string explanation);

        Assert.Equal(Part, plan.PartSize);
        Assert.Contains("requested part size", explanation, StringComparison.Ordinal);
        Assert.Contains("1 stored part(s) do not fit", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_StoredParts_LargestIsThePartSize()
    {
        var listed = new[] { Listed(2, 3 * Part), Listed(4, (3 * Part) - 7) };

        UploadPlan plan = PartSizeInference.Infer(12 * Part, null, listed, out string explanation);

        Assert.Equal(3 * Part, plan.PartSize);
        Assert.Equal(4, plan.PartCount);
        Assert.Contains("show a part size", explanation, StringComparison.Ordinal);
        Assert.Contains("1 stored part(s) do not fit", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_NoStoredParts_AutomaticPartSize()
    {
        UploadPlan plan = PartSizeInference.Infer(100 * UploadLimits.MiB, null, Array.Empty<ListedPart>(), out string explanation);

        Assert.Equal(UploadLimits.DefaultPartSize, plan.PartSize);
        Assert.Contains("no parts are stored", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_LargestStoredPartBelowTheMinimum_FallsBackToAutomatic()
    {
        UploadPlan plan = PartSizeInference.Infer(5 * Part, null, new[] { Listed(6, 999) }, out string explanation);

        Assert.Equal(UploadLimits.DefaultPartSize, plan.PartSize);
        Assert.Contains("cannot be the part size", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_RequestedPartSizeTooSmallForTheFile_Throws()
    {
        Assert.Throws<UploadPlanningException>(() => PartSizeInference.Infer(20_000 * Part, Part, Array.Empty<ListedPart>(), out _));
    }

    private static ListedPart Listed(int number, long size) => new(number, size, "\"E\"", 1, DateTimeOffset.UtcNow);
}
