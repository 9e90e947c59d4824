using System;
using System.Linq;
using OssResumable.Core.Hashing;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Tests.Transfer;

public class PartSetTests
{
    private const long Part = 102_400;

    [Fact]
    public void Add_CountsSentAndSkippedBytesAndOrdersParts()
    {
        var set = new PartSet(UploadPlanner.PlanMultipart((2 * Part) + 1, Part));

        set.Add(new StoredPart(3, 1, "\"c\"", 3), sentNow: true);
        set.Add(new StoredPart(1, Part, "\"a\"", 1), sentNow: false);
        Assert.False(set.IsComplete);
        Assert.Throws<InvalidOperationException>(() => set.ToOrderedList());
        set.Add(new StoredPart(2, Part, "\"b\"", 2), sentNow: true);

        Assert.True(set.IsComplete);
        Assert.Equal(new[] { 1, 2, 3 }, set.ToOrderedList().Select(p => p.PartNumber));
        Assert.Equal(Part + 1, set.BytesSent);
        Assert.Equal(Part, set.BytesSkipped);
    }

    [Fact]
    public void Add_SizeNotMatchingThePlan_Throws()
    {
        var set = new PartSet(UploadPlanner.PlanMultipart(2 * Part, Part));

        Assert.Throws<InvalidOperationException>(() => set.Add(new StoredPart(1, Part - 1, "\"a\"", 1), sentNow: true));
    }

    [Fact]
    public void CombineCrc_PartsInOrder_EqualsCrcOfTheWhole()
    {
        byte[] data = Enumerable.Range(0, 250_000).Select(i => (byte)(i * 31)).ToArray();
        var parts = new[]
        {
            new StoredPart(1, Part, "\"a\"", Crc64.Compute(data.AsSpan(0, (int)Part))),
            new StoredPart(2, Part, "\"b\"", Crc64.Compute(data.AsSpan((int)Part, (int)Part))),
            new StoredPart(3, data.Length - (2 * Part), "\"c\"", Crc64.Compute(data.AsSpan((int)(2 * Part)))),
        };

        Assert.Equal(Crc64.Compute(data), MultipartCompletion.CombineCrc(parts));
    }
}
