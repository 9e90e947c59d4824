using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

public class FaultInjectionTests : EmulatorTestBase
{
    protected override void Configure(EmulatorOptions options)
    {
        options.Faults.Add(new FaultRule { Operation = EmulatorOperation.GetBucketInfo, StatusCode = 503, ErrorCode = "ServiceUnavailable" });
    }

    [Fact]
    public async Task StartupFault_FromOptions_IsActive()
    {
        OssResponse response = await Client.SendAsync("GET", Bucket, null, new[] { Q("bucketInfo") });

        AssertError(response, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync("GET", Bucket, null, new[] { Q("bucketInfo") })).Status);
    }

    [Fact]
    public async Task ErrorFault_SkipAndTimes_FailsExactlyTheNthMatchingRequest()
    {
        FaultRule rule = Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Skip = 1, Times = 2, StatusCode = 503, ErrorCode = "ServiceUnavailable" });
        string id = await InitiateAsync("k");

        var statuses = new HttpStatusCode[5];
        for (int n = 1; n <= 5; n++)
        {
            statuses[n - 1] = (await Client.SendAsync("PUT", Bucket, "k", new[] { Q("partNumber", n.ToString(CultureInfo.InvariantCulture)), Q("uploadId", id) }, Data(10))).Status;
        }

        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK }, statuses);
        Assert.Equal(2, rule.FiredCount);
        Assert.Equal(5, rule.MatchedCount);
        Assert.True(rule.IsExhausted);
        Assert.Equal(new[] { 1, 4, 5 }, Emulator.ListUploads(Bucket).Single().Parts.Select(p => p.PartNumber));
        Assert.Equal(2, Emulator.GetStatistics().GetErrorCount("ServiceUnavailable"));
    }

    [Fact]
    public async Task ErrorFault_MatchesByKeyAndPartNumberOnly()
    {
        string id = await InitiateAsync("target");
        string other = await InitiateAsync("other");
        FaultRule rule = Emulator.Faults.Add("op=UploadPart,key=target,part=2,action=error,status=500,code=InternalError,times=*");

        OssResponse p1 = await Client.SendAsync("PUT", Bucket, "target", new[] { Q("partNumber", "1"), Q("uploadId", id) }, Data(10));
        OssResponse p2 = await Client.SendAsync("PUT", Bucket, "target", new[] { Q("partNumber", "2"), Q("uploadId", id) }, Data(10));
        OssResponse p2Again = await Client.SendAsync("PUT", Bucket, "target", new[] { Q("partNumber", "2"), Q("uploadId", id) }, Data(10));
        OssResponse otherP2 = await Client.SendAsync("PUT", Bucket, "other", new[] { Q("partNumber", "2"), Q("uploadId", other) }, Data(10));

        Assert.Equal(HttpStatusCode.OK, p1.Status);
        AssertError(p2, HttpStatusCode.InternalServerError, "InternalError");
        AssertError(p2Again, HttpStatusCode.InternalServerError, "InternalError");
        Assert.Equal(HttpStatusCode.OK, otherP2.Status);
        Assert.Equal(2, rule.FiredCount);
    }

    [Fact]
    public async Task ErrorFault_OnHead_GoesIntoXOssErr()
    {
        await PutObjectAsync("k", Data(1));
        Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.HeadObject, StatusCode = 500, ErrorCode = "InternalError" });

        OssResponse head = await Client.SendAsync("HEAD", Bucket, "k");

        Assert.Equal(HttpStatusCode.InternalServerError, head.Status);
        Assert.Contains("InternalError", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(head.Header("x-oss-err")!)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetFault_AbortsConnectionMidUploadAndStoresNothing()
    {
        string id = await InitiateAsync("k");
        FaultRule rule = Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Action = FaultAction.ResetConnection, ResetAfterBytes = 64 * 1024 });

        await Assert.ThrowsAsync<HttpRequestException>(() => Client.SendAsync("PUT", Bucket, "k", new[] { Q("partNumber", "1"), Q("uploadId", id) }, Data(1024 * 1024)));

        Assert.Equal(1, rule.FiredCount);
        Assert.Empty(Emulator.ListUploads(Bucket).Single().Parts);
        Assert.Equal(1, Emulator.GetStatistics().ConnectionsAborted);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync("PUT", Bucket, "k", new[] { Q("partNumber", "1"), Q("uploadId", id) }, Data(1024 * 1024))).Status);
    }

    [Fact]
    public async Task ResetFault_BodyShorterThanThreshold_StillAborts()
    {
        Emulator.Faults.Add("op=PutObject,action=reset,bytes=1000000");

        await Assert.ThrowsAsync<HttpRequestException>(() => PutObjectAsync("k", Data(10)));

        Assert.Null(Emulator.GetObjectInfo(Bucket, "k"));
    }

    [Fact]
    public async Task DelayFault_HoldsTheResponseAfterCommitting()
    {
        Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.PutObject, Action = FaultAction.Delay, Delay = TimeSpan.FromSeconds(30) });
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) };
        var request = new HttpRequestMessage(HttpMethod.Put, Client.MakeUri("/" + Bucket + "/k")) { Content = new ByteArrayContent(Data(10)) };
        foreach (var header in Client.Sign("PUT", Bucket, "k", null, null))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.SendAsync(request));

        // The operation ran before the delay: the object exists although the client timed out.
        Assert.NotNull(Emulator.GetObjectInfo(Bucket, "k"));
    }

    [Fact]
    public async Task ThrottleFault_SlowsBodiesButKeepsThemIntact()
    {
        byte[] data = Data(40_000);
        FaultRule rule = Emulator.Faults.Add(new FaultRule { Action = FaultAction.Throttle, BytesPerSecond = 200_000, Times = null });

        OssResponse put = await PutObjectAsync("k", data);
        OssResponse get = await Client.SendAsync("GET", Bucket, "k");

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(data, get.Body);
        Assert.Equal(2, rule.FiredCount);
    }

    [Fact]
    public async Task VanishFault_DeletesTheUploadSoTheRequestGetsNoSuchUpload()
    {
        string id = await InitiateAsync("k");
        string eTag = await UploadPartAsync("k", id, 1, Data(10));
        Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Action = FaultAction.VanishUpload });

        OssResponse part2 = await Client.SendAsync("PUT", Bucket, "k", new[] { Q("partNumber", "2"), Q("uploadId", id) }, Data(10));

        AssertError(part2, HttpStatusCode.NotFound, "NoSuchUpload");
        Assert.Empty(Emulator.ListUploads());
        AssertError(await CompleteAsync("k", id, new[] { (1, eTag) }), HttpStatusCode.NotFound, "NoSuchUpload");
    }

    [Fact]
    public async Task CorruptCrcFault_SendsWrongCrcButStoresCorrectData()
    {
        byte[] data = Data(1000);
        Emulator.Faults.Add("op=PutObject,action=corrupt-crc");

        OssResponse put = await PutObjectAsync("k", data);
        OssResponse head = await Client.SendAsync("HEAD", Bucket, "k");

        string correct = Crc64.Compute(data).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.NotEqual(correct, put.Header("x-oss-hash-crc64ecma"));
        Assert.Equal(correct, head.Header("x-oss-hash-crc64ecma"));
    }

    [Fact]
    public async Task CorruptCrcFault_OnUploadPartAndComplete_WrongHeaders()
    {
        string id = await InitiateAsync("k");
        Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Action = FaultAction.CorruptCrc });
        Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.CompleteMultipartUpload, Action = FaultAction.CorruptCrc });
        byte[] data = Data(500);

        OssResponse part = await Client.SendAsync("PUT", Bucket, "k", new[] { Q("partNumber", "1"), Q("uploadId", id) }, data);
        OssResponse complete = await CompleteAsync("k", id, new[] { (1, part.Header("ETag")!) });

        string correct = Crc64.Compute(data).ToString(CultureInfo.InvariantCulture);
        Assert.NotEqual(correct, part.Header("x-oss-hash-crc64ecma"));
        Assert.NotEqual(correct, complete.Header("x-oss-hash-crc64ecma"));
        Assert.Equal(Crc64.Compute(data), Emulator.GetObjectInfo(Bucket, "k")!.Crc64);
    }

    [Fact]
    public async Task DropResponseFault_OnComplete_CommitsThenRetryGetsNoSuchUpload()
    {
        string id = await InitiateAsync("k");
        var parts = new[] { (1, await UploadPartAsync("k", id, 1, Data(200_000, seed: 1))), (2, await UploadPartAsync("k", id, 2, Data(10, seed: 2))) };
        FaultRule rule = Emulator.Faults.Add("op=CompleteMultipartUpload,action=drop-response");

        await Assert.ThrowsAsync<HttpRequestException>(() => CompleteAsync("k", id, parts));
        OssResponse retry = await CompleteAsync("k", id, parts);

        Assert.Equal(1, rule.FiredCount);
        AssertError(retry, HttpStatusCode.NotFound, "NoSuchUpload");
        EmulatorObjectInfo info = Emulator.GetObjectInfo(Bucket, "k")!;
        Assert.Equal(200_010, info.Size);
        Assert.Equal("Multipart", info.ObjectType);
        Assert.Equal(Data(200_000, seed: 1).Concat(Data(10, seed: 2)), Emulator.ReadObject(Bucket, "k"));
    }

    [Fact]
    public async Task Faults_RemoveAndClear_StopFiring()
    {
        FaultRule rule = Emulator.Faults.Add("op=PutObject,action=error,status=500,times=*");
        AssertError(await PutObjectAsync("k", Data(1)), HttpStatusCode.InternalServerError, "InternalError");

        Assert.True(Emulator.Faults.Remove(rule.Id!));
        Assert.Equal(HttpStatusCode.OK, (await PutObjectAsync("k", Data(1))).Status);

        Emulator.Faults.Add("op=PutObject,action=error,status=500,times=*");
        Emulator.Faults.Clear();
        Assert.Equal(HttpStatusCode.OK, (await PutObjectAsync("k", Data(1))).Status);
    }

    [Fact]
    public async Task Faults_DoNotHideAuthenticationErrors()
    {
        FaultRule rule = Emulator.Faults.Add("op=PutObject,action=error,status=500");
        Client.Secret = "wrong";

        AssertError(await PutObjectAsync("k", Data(1)), HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        Assert.Equal(0, rule.MatchedCount);
    }

    [Fact]
    public void FaultRule_AddedTwice_Throws()
    {
        FaultRule rule = Emulator.Faults.Add("op=PutObject,action=error");

        Assert.Throws<ArgumentException>(() => Emulator.Faults.Add(rule));
    }

    [Fact]
    public async Task DropResponseFault_OnFailingRequest_DropsTheErrorToo()
    {
        Emulator.Faults.Add("op=GetObject,action=drop-response");

        await Assert.ThrowsAsync<HttpRequestException>(() => Client.SendAsync("GET", Bucket, "missing"));

        AssertError(await Client.SendAsync("GET", Bucket, "missing"), HttpStatusCode.NotFound, "NoSuchKey");
    }
}
