using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;
using OssResumable.Emulator;
using Xunit.Abstractions;

namespace OssResumable.Integration.Tests.Crash;

/// <summary>
/// The crash test of issue 3: the driver is killed with SIGKILL at random points of a large upload,
/// again and again; every run resumes the same upload, the final object is byte-for-byte the file,
/// nothing is left behind, and the bytes lost to each kill stay within threads x part size.
/// </summary>
/// <remarks>
/// <para>
/// How "bytes re-sent after kill k" is measured (lost_k): with R_k the UploadPart body bytes the
/// emulator has read up to kill k (partial bodies of cut-off parts included, counted as they arrive)
/// and C_k the bytes of the parts the checkpoint records after kill k, R_k - C_k is everything
/// transferred so far that the next run cannot skip, and lost_k = (R_k - C_k) - (R_k-1 - C_k-1) is
/// the part of it that run k added. It consists of the partial bodies of the parts in flight at the
/// kill, plus parts the server stored whose acknowledgement did not reach the checkpoint (the
/// response was still on its way, or the checkpoint write had not happened). A part re-sent by the
/// next run is not counted twice: the next run reads it again (R grows) and records it (C grows by
/// the same amount). An engine that starts a new part only after recording the previous one has at
/// most <c>threads</c> parts in either state, hence lost_k &lt;= threads x part size.
/// </para>
/// <para>
/// Our engine does not re-send a stored part that the checkpoint lacks: it checks the part's CRC-64
/// against the local bytes and adopts it. So lost_k (vs C) over-estimates what kill k costs this
/// engine (it is what a resume trusting only the checkpoint would re-send; the run that adopts the
/// part gets a lower, possibly negative figure), and the test also reports lost_k vs S, the same
/// formula with S_k, the bytes of the parts the server holds, for C_k: with adoption that is the
/// exact number of bytes re-sent because of kill k, essentially the partial bodies. Both are
/// asserted against the bound. The sums over all runs are exact either way: the total waste is
/// R_final - file size. The run that finishes must send no part the checkpoint already recorded
/// (lost_final vs C &lt;= 0).
/// </para>
/// <para>
/// The last kill (mode at-complete) comes as soon as the server sees CompleteMultipartUpload, while
/// a delay fault holds the response: the server usually completes the upload before the client
/// dies, and then the next run must recognise the completed object (size and CRC-64) instead of
/// starting over; if the request died first, the next run completes it. Either outcome is
/// accepted; the table shows which one happened (no upload left and S = the object's size means
/// the server completed it).
/// </para>
/// <para>
/// The server-side counter cannot see bytes the killed client had written into socket buffers that
/// the server never read; those cost no server work and are at most a few socket buffers.
/// </para>
/// </remarks>
public sealed class CrashResumeTests : IDisposable
{
    private const string AccessKeyId = "LTAI5tCrashTestKey";
    private const string Secret = "crash-test-secret-value";
    private const string Bucket = "crash";
    private const string Key = "crash/big-file.bin";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    private readonly ITestOutputHelper _output;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ossr-crash-" + Guid.NewGuid().ToString("N"));

    public CrashResumeTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_root);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    public async Task Upload_KilledAtRandomPointsManyTimes_EveryRunResumesAndObjectMatchesFile(string scheme)
    {
        CrashTestSettings settings = CrashTestSettings.FromEnvironment();
        var random = new Random(settings.Seed);
        string file = Path.Combine(_root, "source.bin");
        string checkpointDirectory = Path.Combine(_root, "checkpoints");
        var total = Stopwatch.StartNew();
        byte[] fileSha256 = SeededFile.Create(file, settings.FileSize, settings.Seed);
        string checkpointPath = new FileCheckpointStore(checkpointDirectory).GetCheckpointPath(new CheckpointIdentity(file, Bucket, Key));
        _output.WriteLine("Crash test over " + scheme + ": " + settings);

        await using OssEmulator emulator = await StartEmulatorAsync(scheme);
        string[] options = DriverOptions(emulator, file, settings.Threads, settings.PartSize, checkpointDirectory);

        var kills = new List<KillRecord>();
        UploadObservation before = UploadObservation.Take(emulator, Bucket, Key, checkpointPath);
        _output.WriteLine(KillRecord.Header);
        for (int k = 1; k <= settings.Kills; k++)
        {
            KillPoint point = KillPoint.Draw(random, k - 1, settings.Kills, settings.Modes);

            // At Complete, the emulator completes the upload and then holds the response for a while:
            // the client is always killed while it waits for it, never after it went on to verify the
            // object and remove the checkpoint (a finished run, not a crash at Complete).
            FaultRule? holdComplete = point.Mode == KillMode.AtComplete
                ? emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.CompleteMultipartUpload, Key = Key, Action = FaultAction.Delay, Delay = TimeSpan.FromSeconds(30) })
                : null;
            TimeSpan? killedAt;
            using (DriverProcess driver = DriverProcess.StartUpload(options, AccessKeyId, Secret))
            {
                killedAt = await Task.Factory.StartNew(() => KillAt(driver, point, emulator, settings, before), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                Assert.True(killedAt is not null, "Run " + k + " ended on its own (exit code " + driver.ExitCode + ") before its kill point " + point + "; at least a tenth of the file was still missing on the server.\n" + driver.DescribeOutput());
            }

            if (holdComplete?.Id is string holdId)
            {
                emulator.Faults.Remove(holdId);
            }

            WaitForQuiescence(emulator);
            UploadObservation after = UploadObservation.Take(emulator, Bucket, Key, checkpointPath);
            var record = new KillRecord
            {
                Index = k,
                Point = point,
                RunTime = killedAt!.Value,
                After = after,
                Lost = after.BodyBytesRead - after.CheckpointBytes - (before.BodyBytesRead - before.CheckpointBytes),
                LostVsServer = after.BodyBytesRead - after.ServerBytes - (before.BodyBytesRead - before.ServerBytes),
            };
            kills.Add(record);
            _output.WriteLine(record.ToString());
            if (after.Checkpoint is null && after.Uploads.Count > 0)
            {
                _output.WriteLine("      note: upload " + after.Uploads[0].UploadId + " exists on the server but no checkpoint names it: the kill came between"
                    + " InitiateMultipartUpload and the first checkpoint save; unless the next run finds it, it is orphaned.");
            }

            AssertConsistent(before, after, k, settings.FileSize, checkpointDirectory, checkpointPath);
            Assert.True(
                record.Lost <= settings.ResendBound,
                "Kill " + k + " lost " + record.Lost + " bytes (vs the checkpoint), more than threads x part size = " + settings.ResendBound + ".");
            Assert.True(
                record.LostVsServer <= settings.ResendBound,
                "Kill " + k + " lost " + record.LostVsServer + " bytes (vs the server's parts), more than threads x part size = " + settings.ResendBound + ".");
            before = after;
        }

        using DriverProcess final = DriverProcess.StartUpload(options, AccessKeyId, Secret);
        Assert.True(final.WaitForExit(RunTimeout), "The final run did not finish within " + RunTimeout + ".\n" + final.DescribeOutput());
        Assert.True(final.ExitCode == 0, "The final run failed with exit code " + final.ExitCode + ".\n" + final.DescribeOutput());
        DriverResult result = DriverResult.Parse(final.LastOutputLine() ?? throw new InvalidOperationException("The final run printed nothing.\n" + final.DescribeOutput()));
        UploadObservation end = UploadObservation.Take(emulator, Bucket, Key, checkpointPath);
        long finalRunRead = end.BodyBytesRead - before.BodyBytesRead;
        long lostFinal = finalRunRead - (settings.FileSize - before.CheckpointBytes);
        long lostFinalVsServer = finalRunRead - (settings.FileSize - before.ServerBytes);

        EmulatorObjectInfo stored = emulator.GetObjectInfo(Bucket, Key) ?? throw new InvalidOperationException("The final run succeeded but there is no object.");
        byte[] objectSha256;
        using (var sha = new HashingStream())
        {
            await emulator.CopyObjectToAsync(Bucket, Key, sha);
            objectSha256 = sha.GetHashAndReset();
        }

        ReportSummary(settings, kills, result, lostFinal, lostFinalVsServer, end, emulator.GetStatistics(), total.Elapsed);

        Assert.Equal(Convert.ToHexString(fileSha256), Convert.ToHexString(objectSha256));
        Assert.Equal(settings.FileSize, stored.Size);
        Assert.Equal(settings.FileSize, result.Size);
        Assert.Equal(stored.Crc64.ToString(CultureInfo.InvariantCulture), result.Crc64);
        IReadOnlyList<EmulatorUploadInfo> orphans = emulator.ListUploads(Bucket);
        Assert.True(orphans.Count == 0, "Orphaned uploads left on the server: " + string.Join(", ", orphans.Select(u => u.UploadId + " (" + u.Parts.Count + " parts)")) + ".");
        Assert.False(File.Exists(checkpointPath), "The checkpoint must be removed after a verified Complete.");
        if (before.Checkpoint is UploadCheckpoint last)
        {
            Assert.True(result.Resumed, "The final run did not report resuming although a checkpoint existed.");
            Assert.Equal(last.UploadId, result.UploadId);
            Assert.Equal(checkpointPath, result.CheckpointPath);
            Assert.True(result.BytesSkipped >= last.CompletedBytes, "The final run skipped " + result.BytesSkipped + " bytes, less than the checkpoint's " + last.CompletedBytes + ".");
        }

        Assert.True(finalRunRead >= settings.FileSize - result.BytesSkipped, "The server read " + finalRunRead + " bytes in the final run, less than the " + (settings.FileSize - result.BytesSkipped) + " it claims to have sent.");
        Assert.True(lostFinal <= 0, "The final run re-sent " + lostFinal + " bytes of parts the checkpoint already recorded.");
    }

    /// <summary>
    /// A crash while InitiateMultipartUpload's answer is on its way: the server has created the
    /// upload, the client never learns its ID. The emulator completes Initiate and then holds the
    /// response (a delay fault), so the kill always lands in that window. The next run must find
    /// that upload (resume or abort it): nothing may stay behind to bill the user.
    /// </summary>
    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    public async Task Upload_KilledWhileInitiateAnswerInFlight_NextRunLeavesNoOrphanedUpload(string scheme)
    {
        const long Size = 24 * 1024 * 1024;
        string file = Path.Combine(_root, "initiate.bin");
        byte[] fileSha256 = SeededFile.Create(file, Size, seed: 7);
        await using OssEmulator emulator = await StartEmulatorAsync(scheme);
        string[] options = DriverOptions(emulator, file, threads: 4, partSize: 4 * 1024 * 1024, Path.Combine(_root, "checkpoints"));
        FaultRule hold = emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.InitiateMultipartUpload, Key = Key, Action = FaultAction.Delay, Delay = TimeSpan.FromSeconds(30) });

        using (DriverProcess driver = DriverProcess.StartUpload(options, AccessKeyId, Secret))
        {
            var waited = Stopwatch.StartNew();
            while (emulator.ListUploads(Bucket).Count == 0 && !driver.HasExited && waited.Elapsed < RunTimeout)
            {
                await Task.Delay(1);
            }

            Assert.False(driver.HasExited, "The driver exited before it initiated the upload.\n" + driver.DescribeOutput());
            driver.Kill();
        }

        emulator.Faults.Remove(hold.Id!);
        string orphanCandidate = Assert.Single(emulator.ListUploads(Bucket)).UploadId;
        _output.WriteLine("killed while the answer to InitiateMultipartUpload (upload " + orphanCandidate + ") was held back");

        using DriverProcess final = DriverProcess.StartUpload(options, AccessKeyId, Secret);
        Assert.True(final.WaitForExit(RunTimeout), "The next run did not finish within " + RunTimeout + ".\n" + final.DescribeOutput());
        Assert.True(final.ExitCode == 0, "The next run failed with exit code " + final.ExitCode + ".\n" + final.DescribeOutput());
        byte[] objectSha256;
        using (var sha = new HashingStream())
        {
            await emulator.CopyObjectToAsync(Bucket, Key, sha);
            objectSha256 = sha.GetHashAndReset();
        }

        IReadOnlyList<EmulatorUploadInfo> left = emulator.ListUploads(Bucket);
        _output.WriteLine("InitiateMultipartUpload requests: " + emulator.GetRequestCount(EmulatorOperation.InitiateMultipartUpload) + "; uploads left: " + left.Count);
        Assert.Equal(Convert.ToHexString(fileSha256), Convert.ToHexString(objectSha256));
        Assert.True(left.Count == 0, "Orphaned upload left on the server: " + string.Join(", ", left.Select(u => u.UploadId)) + " (created by the killed run, never found by the next one).");
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string[] DriverOptions(OssEmulator emulator, string file, int threads, long partSize, string checkpointDirectory) =>
    [
        "--endpoint", emulator.Endpoint.ToString().TrimEnd('/'), "--region", "cn-hangzhou", "--bucket", Bucket, "--key", Key,
        "--file", file, "--threads", Int(threads), "--part-size", Int(partSize), "--checkpoint-dir", checkpointDirectory,
    ];

    /// <summary>Over https the emulator serves the certificate this process (and so the driver) trusts through SSL_CERT_FILE.</summary>
    private Task<OssEmulator> StartEmulatorAsync(string scheme)
    {
        var emulatorOptions = new EmulatorOptions { DataDirectory = Path.Combine(_root, "emulator"), Region = "cn-hangzhou" };
        if (scheme == "https")
        {
            emulatorOptions.Https = true;
            emulatorOptions.Certificate = Tls.TestCertificateTrust.Certificate;
        }

        emulatorOptions.Credentials.Add(new EmulatorCredential(AccessKeyId, Secret));
        emulatorOptions.Buckets.Add(Bucket);
        return OssEmulator.StartAsync(emulatorOptions);
    }

    /// <summary>Polls the emulator (in this process, so it is cheap) and kills the driver when the kill point is reached.</summary>
    /// <returns>The time of the kill after the start, or null when the driver exited on its own first.</returns>
    private static TimeSpan? KillAt(DriverProcess driver, KillPoint point, OssEmulator emulator, CrashTestSettings settings, UploadObservation before)
    {
        long threshold = point.Threshold(settings.FileSize, before.CheckpointBytes, before.ServerBytes);
        while (!driver.HasExited)
        {
            if (driver.Elapsed > RunTimeout)
            {
                driver.Kill();
                throw new TimeoutException("A driver run neither finished nor reached its kill point within " + RunTimeout + ".\n" + driver.DescribeOutput());
            }

            EmulatorStatistics statistics = emulator.GetStatistics();
            long read = statistics.GetBodyBytesRead(EmulatorOperation.UploadPart) - before.BodyBytesRead;
            bool due = point.Mode switch
            {
                KillMode.BeforeFirstByte => read > 0 || driver.Elapsed >= point.Delay,
                KillMode.MidPart => read >= threshold,
                KillMode.AfterPartStored => statistics.BytesReceived - before.BytesStored >= threshold,
                _ => statistics.GetRequestCount(EmulatorOperation.CompleteMultipartUpload) > before.CompleteRequests,
            };
            if (due)
            {
                TimeSpan at = driver.Elapsed;
                driver.Kill();
                return at;
            }

            Thread.Sleep(1);
        }

        return null;
    }

    /// <summary>
    /// After a kill the emulator still has to notice the dead connections and finish reading what
    /// reached its socket buffers (on a loaded machine that can take a while); wait until it has had
    /// no request in progress and read no byte for 50 ms in a row (a request whose head was still
    /// in a socket buffer may start a moment later), so those bytes are charged to this kill and
    /// not to the next run.
    /// </summary>
    private static void WaitForQuiescence(OssEmulator emulator)
    {
        var waited = Stopwatch.StartNew();
        long last = -1;
        int quietChecks = 0;
        while (quietChecks < 10)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The emulator still handles requests of a driver killed a minute ago.");
            }

            Thread.Sleep(5);
            EmulatorStatistics statistics = emulator.GetStatistics();
            long read = statistics.GetBodyBytesRead(EmulatorOperation.UploadPart);
            quietChecks = statistics.RequestsInProgress == 0 && read == last ? quietChecks + 1 : 0;
            last = read;
        }
    }

    private static void AssertConsistent(UploadObservation before, UploadObservation after, int k, long fileSize, string checkpointDirectory, string checkpointPath)
    {
        if (Directory.Exists(checkpointDirectory))
        {
            string[] checkpoints = Directory.GetFiles(checkpointDirectory, "*" + CheckpointFormat.FileExtension);
            Assert.True(checkpoints.All(p => p == checkpointPath), "Unexpected checkpoint files after kill " + k + ": " + string.Join(", ", checkpoints));
        }

        Assert.True(
            after.Uploads.Count <= 1,
            "After kill " + k + " the key has " + after.Uploads.Count + " uploads in progress: a run started over and left the previous one behind"
            + (before.Checkpoint is null && before.Uploads.Count > 0 ? " (the previous kill came after InitiateMultipartUpload but before the first checkpoint save, and this run did not find that upload)." : "."));
        if (after.Checkpoint is not UploadCheckpoint checkpoint)
        {
            Assert.True(before.Checkpoint is null, "The checkpoint disappeared at kill " + k + ".");
            return;
        }

        if (after.CompletedByKilledRun)
        {
            // Killed during CompleteMultipartUpload after the server finished it: the next run must
            // recognise the object instead of starting over. Every part was recorded before Complete.
            Assert.Equal(fileSize, after.StoredObject!.Size);
            Assert.True(checkpoint.IsComplete, "Kill " + k + ": the upload was completed but the checkpoint lacks parts.");
            return;
        }

        EmulatorUploadInfo server = after.ServerUpload
            ?? throw new Xunit.Sdk.XunitException("After kill " + k + " the checkpoint names upload " + checkpoint.UploadId + ", which the server does not have.");
        foreach (StoredPart part in checkpoint.CompletedParts)
        {
            EmulatorPartInfo? onServer = server.Parts.FirstOrDefault(p => p.PartNumber == part.PartNumber);
            Assert.True(
                onServer is not null && onServer.Size == part.Size && onServer.ETag == part.ETag && onServer.Crc64 == part.Crc64,
                "After kill " + k + " the checkpoint records part " + part.PartNumber + " which the server does not hold as recorded.");
        }

        if (before.Checkpoint is UploadCheckpoint previous)
        {
            Assert.True(previous.UploadId == checkpoint.UploadId, "Run " + k + " did not resume: the upload changed from " + previous.UploadId + " to " + checkpoint.UploadId + ".");
            foreach (StoredPart part in previous.CompletedParts)
            {
                Assert.True(
                    checkpoint.TryGetCompletedPart(part.PartNumber, out StoredPart? kept) && kept!.ETag == part.ETag,
                    "Run " + k + " did not resume: part " + part.PartNumber + " of the previous checkpoint is gone.");
            }
        }
    }

    private void ReportSummary(CrashTestSettings settings, List<KillRecord> kills, DriverResult result, long lostFinal, long lostFinalVsServer, UploadObservation end, EmulatorStatistics statistics, TimeSpan elapsed)
    {
        const double MiB = 1024 * 1024;
        long[] lost = kills.Select(k => k.Lost).ToArray();
        long[] lostVsServer = kills.Select(k => k.LostVsServer).ToArray();
        _output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "final run: {0} ms, resumed={1}, skipped {2:F2} MiB, sent {3:F2} MiB, retries {4}, lost_final {5} bytes vs C, {6} bytes vs S",
            result.DurationMs,
            result.Resumed,
            result.BytesSkipped / MiB,
            result.BytesSent / MiB,
            result.Retries,
            lostFinal,
            lostFinalVsServer));
        _output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "kills {0}; lost per kill vs C: max {1:F2} MiB, mean {2:F2} MiB; vs S: max {7:F2} MiB, mean {8:F2} MiB (bound {3:F2} MiB); total read {4:F2} MiB for a {5:F2} MiB file (waste {6:F2} MiB)",
            kills.Count,
            lost.DefaultIfEmpty().Max() / MiB,
            lost.DefaultIfEmpty().Average() / MiB,
            settings.ResendBound / MiB,
            end.BodyBytesRead / MiB,
            settings.FileSize / MiB,
            (end.BodyBytesRead - settings.FileSize) / MiB,
            lostVsServer.DefaultIfEmpty().Max() / MiB,
            lostVsServer.DefaultIfEmpty().Average() / MiB));
        _output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "emulator: {0} InitiateMultipartUpload, {1} UploadPart, {2} ListParts, {3} AbortMultipartUpload, errors [{4}]; total time {5:F1} s",
            statistics.GetRequestCount(EmulatorOperation.InitiateMultipartUpload),
            statistics.GetRequestCount(EmulatorOperation.UploadPart),
            statistics.GetRequestCount(EmulatorOperation.ListParts),
            statistics.GetRequestCount(EmulatorOperation.AbortMultipartUpload),
            string.Join(", ", statistics.Errors.Select(e => e.Key + "=" + e.Value)),
            elapsed.TotalSeconds));
    }
}
