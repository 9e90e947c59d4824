using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.Core.Signing;

namespace OssResumable.Emulator.Tests;

/// <summary>
/// <see cref="EmulatorStatistics.BodyBytesRead"/>: body bytes count as they are read, including
/// bodies the emulator cut short, so tests can measure what a client transferred in vain.
/// </summary>
public sealed class BodyBytesStatisticsTests : IAsyncLifetime
{
    private const string AccessKeyId = "stats-ak";
    private const string Secret = "stats-secret";
    private const string Bucket = "stats-bucket";
    private static readonly byte[] Body = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31 % 251)).ToArray();

    private readonly string _data = Path.Combine(Path.GetTempPath(), "oss-emulator-stats-" + Guid.NewGuid().ToString("N"));
    private OssEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { DataDirectory = _data };
        options.Credentials.Add(new EmulatorCredential(AccessKeyId, Secret));
        options.Buckets.Add(Bucket);
        _emulator = await OssEmulator.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task BodyBytesRead_PartCutShortByReset_CountsPartialAndStoredBodies()
    {
        using OssClient client = CreateClient();
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(Bucket, "k"))).UploadId;
        _emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Action = FaultAction.ResetConnection, ResetAfterBytes = 65_536 });

        await Assert.ThrowsAsync<OssTransportException>(() => client.UploadPartAsync(new UploadPartRequest(Bucket, "k", uploadId, 1, RequestBody.FromBytes(Body))));
        await client.UploadPartAsync(new UploadPartRequest(Bucket, "k", uploadId, 1, RequestBody.FromBytes(Body)));
        await client.PutObjectAsync(new PutObjectRequest(Bucket, "small", RequestBody.FromBytes(Body.AsMemory(0, 1000))));

        EmulatorStatistics statistics = _emulator.GetStatistics();
        Assert.Equal(65_536 + Body.Length, statistics.GetBodyBytesRead(EmulatorOperation.UploadPart));
        Assert.Equal(1000, statistics.GetBodyBytesRead(EmulatorOperation.PutObject));
        Assert.Equal(Body.Length + 1000, statistics.BytesReceived);
        Assert.Equal(0, statistics.GetBodyBytesRead(EmulatorOperation.InitiateMultipartUpload));
    }

    [Fact]
    public async Task BodyBytesRead_ClientGoneMidBody_CountsBytesThatArrivedAndRequestEnds()
    {
        using OssClient client = CreateClient();
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest(Bucket, "k"))).UploadId;
        const int Sent = 100_000;

        // A signed UploadPart announcing the whole body but sending only part of it, then the
        // connection dies: like a client killed mid-part. The bytes count while the body streams.
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(_emulator.Endpoint.Host, _emulator.Port);
            NetworkStream stream = socket.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(SignedUploadPartHead(uploadId, partNumber: 1, Body.Length)));
            await stream.WriteAsync(Body.AsMemory(0, Sent));
            await WaitForAsync(() => _emulator.GetStatistics().GetBodyBytesRead(EmulatorOperation.UploadPart) >= Sent);
            Assert.Equal(1, _emulator.GetStatistics().RequestsInProgress);
        }

        await WaitForAsync(() => _emulator.GetStatistics().RequestsInProgress == 0);
        Assert.Equal(0, _emulator.GetStatistics().RequestsInProgress);
        Assert.Equal(Sent, _emulator.GetStatistics().GetBodyBytesRead(EmulatorOperation.UploadPart));
        Assert.Equal(0, _emulator.GetStatistics().BytesReceived);
        Assert.Empty(_emulator.ListUploads(Bucket).Single().Parts);
    }

    [Fact]
    public async Task ResetStatistics_AfterBodies_ZeroesBodyBytesRead()
    {
        using OssClient client = CreateClient();
        await client.PutObjectAsync(new PutObjectRequest(Bucket, "k", RequestBody.FromBytes(Body)));

        _emulator.ResetStatistics();

        Assert.Empty(_emulator.GetStatistics().BodyBytesRead);
    }

    // Waits (bounded) for something the emulator does on its own schedule; the caller asserts afterwards.
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(10);
        }
    }

    private string SignedUploadPartHead(string uploadId, int partNumber, long contentLength)
    {
        string date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        string part = partNumber.ToString(CultureInfo.InvariantCulture);
        var signing = new SigningRequest(
            "PUT",
            Bucket,
            "k",
            new[] { new KeyValuePair<string, string>("partNumber", part), new KeyValuePair<string, string>("uploadId", uploadId) },
            new[] { new KeyValuePair<string, string>("Date", date) });
        string signature = OssSignatureV1.ComputeSignature(Secret, OssSignatureV1.BuildStringToSign(signing, date));
        return "PUT /" + Bucket + "/k?partNumber=" + part + "&uploadId=" + Uri.EscapeDataString(uploadId) + " HTTP/1.1\r\n"
            + "Host: 127.0.0.1:" + _emulator.Port.ToString(CultureInfo.InvariantCulture) + "\r\n"
            + "Date: " + date + "\r\n"
            + "Authorization: " + OssSignatureV1.FormatAuthorization(AccessKeyId, signature) + "\r\n"
            + "Content-Length: " + contentLength.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n";
    }

    private OssClient CreateClient() => new(
        new OssClientOptions { Endpoint = _emulator.Endpoint, Region = "cn-hangzhou", MaxRetries = 0 },
        new OssCredentials(AccessKeyId, Secret));
}
