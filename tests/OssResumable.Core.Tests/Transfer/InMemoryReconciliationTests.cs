using System.Linq;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Tests.Transfer.Fakes;
using OssResumable.Core.Transfer;

namespace OssResumable.Core.Tests.Transfer;

/// <summary>
/// The reconciliation rules of docs/engine.md ("Resume and reconciliation rules") through the public API,
/// with the service in memory: which stored parts a resumed upload keeps, verifies or sends again.
/// </summary>
public class InMemoryReconciliationTests
{
    [Fact]
    public async Task UploadFile_AfterFailure_KeepsConfirmedPartsAndSendsOnlyTheRest()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 5);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 3);

        UploadResult result = await harness.Uploader.UploadFileAsync(harness.Request(file));

        Assert.True(result.Resumed);
        Assert.Equal(failure.UploadId, result.UploadId);
        Assert.Equal(2L * EngineHarness.Part, result.BytesSkipped);
        Assert.Equal(new[] { 3, 4, 5 }, harness.Oss.Calls.Where(c => c.Operation == "UploadPart" && c.UploadId == result.UploadId).Skip(3).Select(c => c.PartNumber!.Value));
        harness.AssertObjectEqualsFile("key", file);
    }

    [Fact]
    public async Task UploadFile_PartStoredButNotInTheCheckpoint_VerifiedByCrcAndNotSentAgain()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 4);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 3);

        // A process killed after OSS stored part 3 but before the checkpoint recorded it.
        await harness.Oss.UploadPartAsync(new Core.Protocol.UploadPartRequest(EngineHarness.Bucket, "key", failure.UploadId!, 3, Core.Protocol.RequestBody.FromFile(file, 2L * EngineHarness.Part, EngineHarness.Part)));
        int sentBefore = harness.Oss.Count("UploadPart");

        UploadResult result = await harness.Uploader.UploadFileAsync(harness.Request(file));

        Assert.Equal(3L * EngineHarness.Part, result.BytesSkipped);
        Assert.Equal(new int?[] { 4 }, harness.Oss.Calls.Where(c => c.Operation == "UploadPart").Skip(sentBefore).Select(c => c.PartNumber));
        harness.AssertObjectEqualsFile("key", file);
    }

    [Fact]
    public async Task UploadFile_StoredPartDiffersFromTheLocalBytes_SentAgain()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 4);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 3);
        harness.Oss.ReplacePart(failure.UploadId!, 2, TempDirectory.Pattern(EngineHarness.Part, seed: 99));
        int sentBefore = harness.Oss.Count("UploadPart");

        UploadResult result = await harness.Uploader.UploadFileAsync(harness.Request(file));

        Assert.Equal(EngineHarness.Part, result.BytesSkipped);
        Assert.Equal(new int?[] { 2, 3, 4 }, harness.Oss.Calls.Where(c => c.Operation == "UploadPart").Skip(sentBefore).Select(c => c.PartNumber));
        harness.AssertObjectEqualsFile("key", file);
    }

    [Fact]
    public async Task UploadFile_RecordedPartNoLongerListed_ForgottenAndSentAgain()
    {
        using var harness = new EngineHarness();
        string file = harness.CreateFile(parts: 3);
        UploadFailedException failure = await harness.InterruptAsync(file, failingPart: 3);
        Assert.Equal(2, new FileCheckpointStore(harness.CheckpointDirectory).TryLoad(new CheckpointIdentity(file, EngineHarness.Bucket, "key"))!.CompletedPartCount);
        harness.Oss.RemovePart(failure.UploadId!, 1);
        int sentBefore = harness.Oss.Count("UploadPart");

        UploadResult result = await harness.Uploader.UploadFileAsync(harness.Request(file));

        Assert.Contains(harness.Log, e => e.Message.Contains("Part 1 is recorded in the checkpoint but OSS does not list it", System.StringComparison.Ordinal));
        Assert.Equal(EngineHarness.Part, result.BytesSkipped);
        Assert.Equal(new int?[] { 1, 3 }, harness.Oss.Calls.Where(c => c.Operation == "UploadPart").Skip(sentBefore).Select(c => c.PartNumber));
        harness.AssertObjectEqualsFile("key", file);
    }
}
