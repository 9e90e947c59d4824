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

    public static TheoryData<CheckpointDamage> EveryDamage => new()
    {
        CheckpointDamage.Truncated,
        CheckpointDamage.BitFlippedInUploadId,
        CheckpointDamage.BitFlippedInStructure,
        CheckpointDamage.Emptied,
        CheckpointDamage.ForeignJson,
        CheckpointDamage.Deleted,
    };

    [Theory]
    [MemberData(nameof(EveryDamage))]
    public async Task UploadFile_KilledRunThenCheckpointDamaged_AbortsTheKilledRunsUploadAndUploadsTheFile(CheckpointDamage damage)
    {
        using var run = new Scenario(_fixture, "killed-" + damage);
        var (harness, file, key, store, identity) = run;
        string killed = await KillDriverMidUploadAsync(file, key, harness.CheckpointDirectory);
        Assert.Equal(killed, store.TryLoadUploadIdRecord(identity)!.UploadId);
        damage.ApplyTo(run.CheckpointPath);

        UploadResult result = await run.UploadAsync();

        Assert.False(result.Resumed);
        Assert.NotEqual(killed, result.UploadId);
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + killed, StringComparison.Ordinal));
        string expectedWarning = damage == CheckpointDamage.Deleted ? "was missing (deleted?), but its upload ID record names that upload" : "cannot be used (";
        Assert.Contains(harness.Warnings, w => w.Contains(expectedWarning, StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Warnings, w => w.Contains("cannot be proven ours", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        run.AssertNoLocalState();
        _fixture.AssertNoUploads();
    }

    [Theory]
    [MemberData(nameof(EveryDamage))]
    public async Task UploadFile_CheckpointAndRecordBothDamaged_AbortsNothingAndTheWarningNamesTheUpload(CheckpointDamage damage)
    {
        using var run = new Scenario(_fixture, "both-" + damage);
        var (harness, file, key, store, identity) = run;
        UploadCanceledException interrupted = await run.InterruptAsync();
        damage.ApplyTo(run.CheckpointPath);
        CheckpointDamage.Truncated.ApplyTo(run.RecordPath);

        UploadResult result = await run.UploadAsync();

        // Not proven ours: still there, and named so that a person can check and abort it.
        Assert.Equal(interrupted.UploadId, Assert.Single(_fixture.Emulator.ListUploads(TransferFixture.Bucket)).UploadId);
        string warning = Assert.Single(harness.Warnings, w => w.Contains("cannot be proven ours and nothing was aborted", StringComparison.Ordinal));
        Assert.Contains(interrupted.UploadId + " (initiated ", warning, StringComparison.Ordinal);
        Assert.Contains("upload ID record '" + run.RecordPath + "' is damaged (Corrupt)", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Log, e => e.Message.Contains("Aborted the superseded upload", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        run.AssertNoLocalState();
        Assert.NotEqual(interrupted.UploadId, result.UploadId);

        // What the warning asks the user to do.
        await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, key, interrupted.UploadId!);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CheckpointTruncatedAndRecordDamagedOutsideTheId_OssConfirmsTheIdAndItIsAborted()
    {
        using var run = new Scenario(_fixture, "confirmed");
        var (harness, file, key, store, identity) = run;
        UploadCanceledException interrupted = await run.InterruptAsync();
        CheckpointDamage.Truncated.ApplyTo(run.CheckpointPath);
        FlipBitInValue(run.RecordPath, "\"endpoint\": \"");

        await run.UploadAsync();

        Assert.Contains(harness.Log, e => e.Message.Contains("names upload " + interrupted.UploadId + ", and OSS lists it", StringComparison.Ordinal));
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + interrupted.UploadId, StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Warnings, w => w.Contains("cannot be proven ours", StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        run.AssertNoLocalState();
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_AnotherClientUploadsTheSameKey_OnlyTheUploadTheRecordNamesIsAborted()
    {
        using var run = new Scenario(_fixture, "other-client");
        var (harness, file, key, store, identity) = run;
        UploadCanceledException interrupted = await run.InterruptAsync();
        InitiateMultipartUploadResult other = await harness.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(TransferFixture.Bucket, key));
        CheckpointDamage.Truncated.ApplyTo(run.CheckpointPath);

        await run.UploadAsync();

        Assert.Equal(other.UploadId, Assert.Single(_fixture.Emulator.ListUploads(TransferFixture.Bucket)).UploadId);
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + interrupted.UploadId, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, key, other.UploadId);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_DamagedRecordNamesAnotherClientsUploadWithAnotherTime_NeitherAbortedBothNamed()
    {
        using var run = new Scenario(_fixture, "not-confirmed");
        var (harness, file, key, store, identity) = run;
        UploadCanceledException interrupted = await run.InterruptAsync();
        InitiateMultipartUploadResult other = await harness.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(TransferFixture.Bucket, key));
        CheckpointDamage.Emptied.ApplyTo(run.CheckpointPath);

        // A hand edit: the record now names the other client's upload (checksum no longer matches), at a
        // time a year away from when OSS says that upload was initiated.
        string recordPath = run.RecordPath;
        UploadIdRecord record = store.TryLoadUploadIdRecord(identity)!;
        string edited = File.ReadAllText(recordPath)
            .Replace(record.UploadId, other.UploadId, StringComparison.Ordinal)
            .Replace("\"initiatedUtc\": \"" + record.InitiatedUtc.Year, "\"initiatedUtc\": \"" + (record.InitiatedUtc.Year - 1), StringComparison.Ordinal);
        File.WriteAllText(recordPath, edited);

        await run.UploadAsync();

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
        using var run = new Scenario(_fixture, "legacy-flipped");
        var (harness, file, key, store, identity) = run;
        UploadCanceledException interrupted = await run.InterruptAsync();
        File.Delete(run.RecordPath);
        FlipBitInValue(run.CheckpointPath, "\"fingerprint\": \"");

        await run.UploadAsync();

        Assert.Contains(harness.Warnings, w => w.Contains("cannot be used (ChecksumMismatch)", StringComparison.Ordinal));
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + interrupted.UploadId, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        run.AssertNoLocalState();
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_CheckpointWithoutRecordTruncated_AbortsNothingAndTheWarningNamesTheUpload()
    {
        using var run = new Scenario(_fixture, "legacy-truncated");
        var (harness, file, key, store, identity) = run;
        UploadCanceledException interrupted = await run.InterruptAsync();
        File.Delete(run.RecordPath);
        CheckpointDamage.Truncated.ApplyTo(run.CheckpointPath);

        await run.UploadAsync();

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
        using var run = new Scenario(_fixture, "legacy-resumed");
        var (harness, file, key, store, identity) = run;
        UploadCanceledException first = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key, threads: 1), afterParts: 2);
        File.Delete(run.RecordPath);

        UploadCanceledException second = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key, threads: 1), afterParts: 4);

        Assert.Equal(first.UploadId, second.UploadId);
        UploadIdRecord record = store.TryLoadUploadIdRecord(identity)!;
        Assert.Equal(first.UploadId, record.UploadId);
        Assert.Equal(CheckpointFile.Open(first.CheckpointPath!).Checkpoint.CreatedUtc, record.InitiatedUtc);
        CheckpointDamage.Emptied.ApplyTo(first.CheckpointPath!);
        await run.UploadAsync();
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + first.UploadId, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_ValidCheckpointAndDamagedRecord_ResumesAndRewritesTheRecord()
    {
        using var run = new Scenario(_fixture, "record-damaged");
        var (harness, file, key, store, identity) = run;
        UploadCanceledException first = await run.InterruptAsync();
        CheckpointDamage.Truncated.ApplyTo(run.RecordPath);

        UploadCanceledException second = await CheckpointResumeTests.InterruptAsync(harness, UploaderHarness.Request(file, key), afterParts: 4);

        Assert.Equal(first.UploadId, second.UploadId);
        Assert.Equal(first.UploadId, store.TryLoadUploadIdRecord(identity)!.UploadId);
        Assert.Empty(harness.Warnings);
        UploadResult result = await run.UploadAsync();
        Assert.True(result.Resumed);
        harness.AssertObjectEqualsFile(key, file);
        run.AssertNoLocalState();
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_NowASingleRequestAndOnlyTheRecordLeft_TheRecordedUploadIsAborted()
    {
        using var run = new Scenario(_fixture, "record-single");
        var (harness, file, key, store, identity) = run;
        UploadCanceledException interrupted = await run.InterruptAsync();
        File.Delete(interrupted.CheckpointPath!);

        UploadResult result = await harness.Uploader.UploadFileAsync(new FileUploadRequest(file, TransferFixture.Bucket, key) { MultipartThreshold = FileSize + 1 });

        Assert.Null(result.UploadId);
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + interrupted.UploadId, StringComparison.Ordinal));
        harness.AssertObjectEqualsFile(key, file);
        run.AssertNoLocalState();
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_RecordLeftAfterItsUploadWasCompleted_NoWarningAndNothingLeft()
    {
        // A crash between deleting the checkpoint and deleting the record, after a verified Complete.
        using var run = new Scenario(_fixture, "record-stale");
        var (harness, file, key, store, identity) = run;
        UploadResult first = await run.UploadAsync();
        store.SaveUploadIdRecord(new UploadIdRecord(identity, harness.Uploader.Endpoint, first.UploadId!, DateTime.UtcNow));

        UploadResult second = await run.UploadAsync();

        Assert.NotEqual(first.UploadId, second.UploadId);
        Assert.Empty(harness.Warnings);
        Assert.Contains(harness.Log, e => e.Message.Contains("The superseded upload " + first.UploadId + " no longer exists", StringComparison.Ordinal));
        run.AssertNoLocalState();
        _fixture.AssertNoUploads();
    }

    [Fact]
    public async Task UploadFile_KilledBetweenRecordAndMarkerRemoval_OnlyTheRecordedUploadIsAborted()
    {
        using var run = new Scenario(_fixture, "record-and-marker");
        var (harness, file, key, store, identity) = run;
        var started = DateTime.UtcNow;
        InitiateMultipartUploadResult ours = await harness.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(TransferFixture.Bucket, key));
        InitiateMultipartUploadResult other = await harness.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(TransferFixture.Bucket, key));
        store.MarkInitiating(identity, started);
        store.SaveUploadIdRecord(new UploadIdRecord(identity, harness.Uploader.Endpoint, ours.UploadId, started));

        await run.UploadAsync();

        // The other upload was initiated within the marker's window, but the record proves which one was ours.
        Assert.Equal(other.UploadId, Assert.Single(_fixture.Emulator.ListUploads(TransferFixture.Bucket)).UploadId);
        Assert.Contains(harness.Log, e => e.Message.Contains("Aborted the superseded upload " + ours.UploadId, StringComparison.Ordinal));
        run.AssertNoLocalState();
        harness.AssertObjectEqualsFile(key, file);
        await harness.Client.AbortMultipartUploadAsync(TransferFixture.Bucket, key, other.UploadId);
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
            return File.Exists(checkpointPath) ? CheckpointFile.Open(checkpointPath).Checkpoint.CompletedPartCount : 0;
        }
        catch (CheckpointException)
        {
            return 0;
        }
    }

    /// <summary>What every test starts from: an uploader with its own checkpoint directory, a file, a fresh key, and that upload's checkpoint identity.</summary>
    private sealed class Scenario : IDisposable
    {
        public Scenario(TransferFixture fixture, string name)
        {
            Harness = new UploaderHarness(fixture);
            File = fixture.CreateFile(FileSize);
            Key = TransferFixture.UniqueKey(name);
            Store = new FileCheckpointStore(Harness.CheckpointDirectory);
            Identity = new CheckpointIdentity(File, TransferFixture.Bucket, Key);
        }

        public UploaderHarness Harness { get; }

        public string File { get; }

        public string Key { get; }

        public FileCheckpointStore Store { get; }

        public CheckpointIdentity Identity { get; }

        public string CheckpointPath => Store.GetCheckpointPath(Identity);

        public string RecordPath => Store.GetUploadIdRecordPath(Identity);

        /// <summary>Starts the upload and cancels it once <paramref name="afterParts"/> parts are stored: a checkpoint, its record and an upload on OSS remain.</summary>
        public Task<UploadCanceledException> InterruptAsync(int afterParts = 2) =>
            CheckpointResumeTests.InterruptAsync(Harness, UploaderHarness.Request(File, Key), afterParts);

        /// <summary>Runs the same upload again, to the end.</summary>
        public Task<UploadResult> UploadAsync() => Harness.Uploader.UploadFileAsync(UploaderHarness.Request(File, Key));

        public void AssertNoLocalState()
        {
            Assert.False(System.IO.File.Exists(CheckpointPath), "checkpoint left");
            Assert.False(System.IO.File.Exists(RecordPath), "upload ID record left");
            Assert.False(System.IO.File.Exists(Store.GetInitiatingMarkPath(Identity)), "initiating marker left");
        }

        public void Deconstruct(out UploaderHarness harness, out string file, out string key, out FileCheckpointStore store, out CheckpointIdentity identity) =>
            (harness, file, key, store, identity) = (Harness, File, Key, Store, Identity);

        public void Dispose() => Harness.Dispose();
    }
}
