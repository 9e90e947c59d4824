using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.Emulator;
using OssResumable.Integration.Tests.Crash;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>
/// Issue 9: an upload is interrupted (the driver process killed, or the run cancelled), then its
/// checkpoint is damaged or lost, and the same upload is run again. The upload the interrupted run
/// left is aborted whenever it is provably ours (its upload ID record, or OSS confirming a damaged
/// file's ID and time); otherwise nothing is aborted and the warning names it. Every test ends with
/// the object equal to the file and no upload left on the emulator.
/// </summary>
public class DamagedCheckpointTests : IClassFixture<TransferFixture>
{
    private const long Part = UploaderHarness.SmallPart;
    private const long FileSize = (8 * Part) + 321;
    private static readonly TimeSpan KillTimeout = TimeSpan.FromMinutes(1);

    private readonly TransferFixture _fixture;

    public DamagedCheckpointTests(TransferFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(CheckpointDamage.Truncated)]
    [InlineData(CheckpointDamage.BitFlippedInUploadId)]
    [InlineData(CheckpointDamage.BitFlippedInStructure)]
    [InlineData(CheckpointDamage.Emptied)]
    [InlineData(CheckpointDamage.ForeignJson)]
    [InlineData(CheckpointDamage.Deleted)]
    public async Task UploadFile_KilledRunThenCheckpointDamaged_AbortsTheKilledRunsUploadAndUploadsTheFile(CheckpointDamage damage)
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("killed-" + damage);
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(file, TransferFixture.Bucket, key);
        string killed = await KillDriverMidUploadAsync(file, key, harness.CheckpointDirectory);
        Assert.Equal(killed, store.TryLoadUploadIdRecord(identity)!.UploadId);
        damage.ApplyTo(store.GetCheckpointPath(identity));

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.False(result.Resumed);
        Assert.NotEqual(killed, result.UploadId);
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + killed, StringComparison.Ordinal));
        string expectedWarning = damage == CheckpointDamage.Deleted ? "was missing (deleted?), but its upload ID record names that upload" : "cannot be used (";
        Assert.Contains(harness.Warnings, w => w.Contains(expectedWarning, StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Warnings, w => w.Contains("cannot be proven ours", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        AssertNoLocalState(store, identity);
        _fixture.AssertNoUploads();
    }

    [Theory]
    [InlineData(CheckpointDamage.Truncated)]
    [InlineData(CheckpointDamage.BitFlippedInUploadId)]
    [InlineData(CheckpointDamage.BitFlippedInStructure)]
    [InlineData(CheckpointDamage.Emptied)]
    [InlineData(CheckpointDamage.ForeignJson)]
    [InlineData(CheckpointDamage.Deleted)]
    public async Task UploadFile_CheckpointAndRecordBothDamaged_AbortsNothingAndTheWarningNamesTheUpload(CheckpointDamage damage)
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("both-" + damage);
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(file, TransferFixture.Bucket, key);
        UploadCanceledException interrupted = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        damage.ApplyTo(store.GetCheckpointPath(identity));
        CheckpointDamage.Truncated.ApplyTo(store.GetUploadIdRecordPath(identity));

        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        // Not proven ours: still there, and named so that a person can check and abort it.
        Assert.Equal(interrupted.UploadId, Assert.Single(_fixture.Emulator.ListUploads(TransferFixture.Bucket)).UploadId);
        string warning = Assert.Single(harness.Warnings, w => w.Contains("cannot be proven ours and nothing was aborted", StringComparison.Ordinal));
        Assert.Contains(interrupted.UploadId + " (initiated ", warning, StringComparison.Ordinal);
        Assert.Contains("upload ID record '" + store.GetUploadIdRecordPath(identity) + "' is damaged (Corrupt)", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Log, e => e.Message.Contains("Aborted the superseded upload", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        AssertNoLocalState(store, identity);
        Assert.NotEqual(interrupted.UploadId, result.UploadId);

        // What the warning asks the user to do.
        await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, key, interrupted.UploadId!);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CheckpointTruncatedAndRecordDamagedOutsideTheId_OssConfirmsTheIdAndItIsAborted()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("confirmed");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(file, TransferFixture.Bucket, key);
        UploadCanceledException interrupted = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        CheckpointDamage.Truncated.ApplyTo(store.GetCheckpointPath(identity));
        FlipBitInValue(store.GetUploadIdRecordPath(identity), "\"endpoint\": \"");

        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.Contains(harness.Log, e => e.Message.Contains("names upload " + interrupted.UploadId + ", and OSS lists it", StringComparison.Ordinal));
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + interrupted.UploadId, StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Warnings, w => w.Contains("cannot be proven ours", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        AssertNoLocalState(store, identity);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_AnotherClientUploadsTheSameKey_OnlyTheUploadTheRecordNamesIsAborted()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("other-client");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(file, TransferFixture.Bucket, key);
        UploadCanceledException interrupted = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        InitiateMultipartUploadResult other = await harness.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(TransferFixture.Bucket, key));
        CheckpointDamage.Truncated.ApplyTo(store.GetCheckpointPath(identity));

        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.Equal(other.UploadId, Assert.Single(_fixture.Emulator.ListUploads(TransferFixture.Bucket)).UploadId);
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + interrupted.UploadId, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, key, other.UploadId);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_DamagedRecordNamesAnotherClientsUploadWithAnotherTime_NeitherAbortedBothNamed()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("not-confirmed");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(file, TransferFixture.Bucket, key);
        UploadCanceledException interrupted = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        InitiateMultipartUploadResult other = await harness.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(TransferFixture.Bucket, key));
        CheckpointDamage.Emptied.ApplyTo(store.GetCheckpointPath(identity));

        // A hand edit: the record now names the other client's upload (checksum no longer matches), at a
        // time a year away from when OSS says that upload was initiated.
        string recordPath = store.GetUploadIdRecordPath(identity);
        UploadIdRecord record = store.TryLoadUploadIdRecord(identity)!;
        string edited = File.ReadAllText(recordPath)
            .Replace(record.UploadId, other.UploadId, StringComparison.Ordinal)
            .Replace("\"initiatedUtc\": \"" + record.InitiatedUtc.Year, "\"initiatedUtc\": \"" + (record.InitiatedUtc.Year - 1), StringComparison.Ordinal);
        File.WriteAllText(recordPath, edited);

        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        var left = _fixture.Emulator.ListUploads(TransferFixture.Bucket).Select(u => u.UploadId).ToHashSet();
        Assert.Equal(new[] { interrupted.UploadId!, other.UploadId }.ToHashSet(), left);
        string warning = Assert.Single(harness.Warnings, w => w.Contains("cannot be proven ours", StringComparison.Ordinal));
        Assert.Contains("(ChecksumMismatch)", warning, StringComparison.Ordinal);
        Assert.Contains(interrupted.UploadId!, warning, StringComparison.Ordinal);
        Assert.Contains(other.UploadId, warning, StringComparison.Ordinal);
        harness.AssertObjectEqualsFile(key, file);
        await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, key, interrupted.UploadId!);
        await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, key, other.UploadId);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CheckpointWithoutRecordHasAFlippedByte_OssConfirmsItsIdAndTimeAndTheUploadIsAborted()
    {
        // A checkpoint written before upload ID records existed (today's format, no record beside it).
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("legacy-flipped");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(file, TransferFixture.Bucket, key);
        UploadCanceledException interrupted = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        File.Delete(store.GetUploadIdRecordPath(identity));
        FlipBitInValue(store.GetCheckpointPath(identity), "\"fingerprint\": \"");

        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.Contains(harness.Warnings, w => w.Contains("cannot be used (ChecksumMismatch)", StringComparison.Ordinal));
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + interrupted.UploadId, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        AssertNoLocalState(store, identity);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CheckpointWithoutRecordTruncated_AbortsNothingAndTheWarningNamesTheUpload()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("legacy-truncated");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(file, TransferFixture.Bucket, key);
        UploadCanceledException interrupted = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        File.Delete(store.GetUploadIdRecordPath(identity));
        CheckpointDamage.Truncated.ApplyTo(store.GetCheckpointPath(identity));

        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        string warning = Assert.Single(harness.Warnings, w => w.Contains("cannot be proven ours", StringComparison.Ordinal));
        Assert.Contains("there is no upload ID record", warning, StringComparison.Ordinal);
        Assert.Contains(interrupted.UploadId!, warning, StringComparison.Ordinal);
        Assert.Equal(interrupted.UploadId, Assert.Single(_fixture.Emulator.ListUploads(TransferFixture.Bucket)).UploadId);
        harness.AssertObjectEqualsFile(key, file);
        await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, key, interrupted.UploadId!);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CheckpointWithoutRecordResumed_RecordWrittenSoALaterDamageIsRecoverable()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("legacy-resumed");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(file, TransferFixture.Bucket, key);
        UploadCanceledException first = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key, threads: 1), afterParts: 2);
        File.Delete(store.GetUploadIdRecordPath(identity));

        UploadCanceledException second = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key, threads: 1), afterParts: 4);

        Assert.Equal(first.UploadId, second.UploadId);
        UploadIdRecord record = store.TryLoadUploadIdRecord(identity)!;
        Assert.Equal(first.UploadId, record.UploadId);
        Assert.Equal(FileCheckpointStore.LoadFile(first.CheckpointPath!).CreatedUtc, record.InitiatedUtc);
        CheckpointDamage.Emptied.ApplyTo(first.CheckpointPath!);
        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + first.UploadId, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_ValidCheckpointAndDamagedRecord_ResumesAndRewritesTheRecord()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("record-damaged");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(file, TransferFixture.Bucket, key);
        UploadCanceledException first = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        CheckpointDamage.Truncated.ApplyTo(store.GetUploadIdRecordPath(identity));

        UploadCanceledException second = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 4);

        Assert.Equal(first.UploadId, second.UploadId);
        Assert.Equal(first.UploadId, store.TryLoadUploadIdRecord(identity)!.UploadId);
        Assert.Empty(harness.Warnings);
        UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));
        Assert.True(result.Resumed);
        harness.AssertObjectEqualsFile(key, file);
        AssertNoLocalState(store, identity);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_NowASingleRequestAndOnlyTheRecordLeft_TheRecordedUploadIsAborted()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("record-single");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(file, TransferFixture.Bucket, key);
        UploadCanceledException interrupted = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 2);
        File.Delete(interrupted.CheckpointPath!);

        UploadResult result = await harness.Uploader.UploadFileAsync(new FileUploadRequest(file, TransferFixture.Bucket, key) { MultipartThreshold = FileSize + 1 });

        Assert.Null(result.UploadId);
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + interrupted.UploadId, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        AssertNoLocalState(store, identity);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_RecordLeftAfterItsUploadWasCompleted_NoWarningAndNothingLeft()
    {
        // A crash between deleting the checkpoint and deleting the record, after a verified Complete.
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("record-stale");
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        var identity = new CheckpointIdentity(file, TransferFixture.Bucket, key);
        UploadResult first = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));
        store.SaveUploadIdRecord(new UploadIdRecord(identity, harness.Uploader.Endpoint, first.UploadId!, DateTime.UtcNow));

        UploadResult second = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

        Assert.NotEqual(first.UploadId, second.UploadId);
        Assert.Empty(harness.Warnings);
        Assert.Contains(harness.Log, e => e.Message.Contains("The superseded upload " + first.UploadId + " no longer exists", StringComparison.Ordinal));
        AssertNoLocalState(store, identity);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_RecordCannotBeWritten_UploadAbortedAndNoFileLeft()
    {
        string file = _fixture.CreateFile(FileSize);
        string key = TransferFixture.UniqueKey("record-unwritable");
        string directory = _fixture.NewDirectory("failing-record");
        var failing = new FailingSaveStore(directory, failFromSave: int.MaxValue) { FailUploadIdRecord = true };
        using var harness = new UploaderHarness(_fixture, configure: s => s.CheckpointStoreFactory = _ => failing);
        var request = UploaderHarness.Request(file, key);
        request.CheckpointDirectory = directory;

        var ex = await Assert.ThrowsAsync<UploadFailedException>(() => harness.Uploader.UploadFileAsync(request));

        Assert.IsType<CheckpointException>(ex.InnerException);
        Assert.Contains("was aborted", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_EveryEnding_LeavesNoCheckpointRecordOrMarker()
    {
        using var harness = new UploaderHarness(_fixture);
        string file = _fixture.CreateFile(FileSize);
        string completed = TransferFixture.UniqueKey("ends-completed");
        string resumed = TransferFixture.UniqueKey("ends-resumed");
        string superseded = TransferFixture.UniqueKey("ends-superseded");
        string aborted = TransferFixture.UniqueKey("ends-aborted");

        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, completed));
        await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, resumed), afterParts: 2);
        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, resumed));
        await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, superseded), afterParts: 2);
        await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, superseded, partSize: 2 * Part));
        UploadCanceledException toAbort = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, aborted), afterParts: 2);
        var store = new FileCheckpointStore(harness.CheckpointDirectory);
        Assert.True(File.Exists(store.GetUploadIdRecordPath(new CheckpointIdentity(file, TransferFixture.Bucket, aborted))));

        // What Stop-OssUpload -CheckpointPath does: abort, then delete through the store.
        await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, aborted, toAbort.UploadId!);
        store.Delete(new CheckpointIdentity(file, TransferFixture.Bucket, aborted));

        Assert.DoesNotContain(Directory.EnumerateFiles(harness.CheckpointDirectory), f => !f.EndsWith(CheckpointFormat.LockExtension, StringComparison.Ordinal));
        _fixture.AssertNoUploads();
    }

    private static void AssertNoLocalState(FileCheckpointStore store, CheckpointIdentity identity)
    {
        Assert.False(File.Exists(store.GetCheckpointPath(identity)), "checkpoint left");
        Assert.False(File.Exists(store.GetUploadIdRecordPath(identity)), "upload ID record left");
        Assert.False(File.Exists(store.GetInitiatingMarkPath(identity)), "initiating marker left");
    }

    private static void FlipBitInValue(string path, string prefix)
    {
        byte[] content = File.ReadAllBytes(path);
        content[CheckpointDamageExtensions.ValueStart(content, prefix) + 2] ^= 0x01;
        File.WriteAllBytes(path, content);
    }

    // Runs the driver as a process, lets two parts reach the checkpoint while the others crawl, and
    // kills it (SIGKILL): the state a crash leaves. Returns the upload ID the killed run started.
    private async Task<string> KillDriverMidUploadAsync(string file, string key, string checkpointDirectory)
    {
        FaultRule crawl = _fixture.Emulator.Faults.Add(new FaultRule
        {
            Operation = EmulatorOperation.UploadPart,
            Key = key,
            Skip = 2,
            Times = null,
            Action = FaultAction.Throttle,
            BytesPerSecond = 1000,
        });
        var store = new FileCheckpointStore(checkpointDirectory);
        string checkpointPath = store.GetCheckpointPath(new CheckpointIdentity(file, TransferFixture.Bucket, key));
        string[] options =
        {
            "--endpoint", _fixture.Emulator.Endpoint.ToString(), "--bucket", TransferFixture.Bucket, "--key", key, "--file", file,
            "--checkpoint-dir", checkpointDirectory, "--part-size", Part.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--multipart-threshold", Part.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "2", "--quiet",
        };
        try
        {
            using DriverProcess driver = DriverProcess.StartUpload(options, TransferFixture.AccessKeyId, TransferFixture.Secret);
            while (RecordedParts(checkpointPath) < 2)
            {
                Assert.False(driver.HasExited, "The driver exited before it was killed.\n" + driver.DescribeOutput());
                Assert.True(driver.Elapsed < KillTimeout, "Two parts did not reach the checkpoint in time.\n" + driver.DescribeOutput());
                await Task.Delay(10);
            }

            driver.Kill();
        }
        finally
        {
            _fixture.Emulator.Faults.Remove(crawl.Id!);
        }

        return Assert.Single(_fixture.Emulator.ListUploads(TransferFixture.Bucket), u => u.Key == key).UploadId;
    }

    private static int RecordedParts(string checkpointPath)
    {
        try
        {
            return File.Exists(checkpointPath) ? FileCheckpointStore.LoadFile(checkpointPath).CompletedPartCount : 0;
        }
        catch (CheckpointException)
        {
            return 0;
        }
    }
}
