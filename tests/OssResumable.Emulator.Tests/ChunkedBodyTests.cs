using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

/// <summary>
/// Bodies sent with <c>Transfer-Encoding: chunked</c> and no Content-Length, which OSS accepts (its
/// 411 is for a request that "does not use chunked encoding or does not contain a Content-Length
/// header"): stored bytes, ETag, CRC-64, Content-MD5, faults and statistics behave as for a sized body.
/// </summary>
public class ChunkedBodyTests : EmulatorTestBase
{
    private static KeyValuePair<string, string>[] PartQuery(string uploadId, int partNumber) =>
        new[] { Q("partNumber", partNumber.ToString(CultureInfo.InvariantCulture)), Q("uploadId", uploadId) };

    // A body HttpClient cannot size: sent chunked, no Content-Length.
    private static StreamContent Chunked(byte[] data) => new(new Crc64ReadStream(data));

    private Task<OssResponse> PutChunkedAsync(string key, byte[] data, params KeyValuePair<string, string>[] headers) =>
        Client.SendContentAsync("PUT", Bucket, key, null, Chunked(data), headers);

    private string[] BlobFiles() => Directory.GetFiles(Path.Combine(DataDirectory, "buckets", Bucket, "blobs"));

    [Fact]
    public async Task PutObject_Chunked_StoresBytesWithETagCrcAndContentMd5()
    {
        byte[] data = Data(1_500_000);

        OssResponse put = await PutChunkedAsync("chunked.bin", data);

        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
        Assert.Equal("\"" + OssTestClient.Md5Hex(data) + "\"", put.Header("ETag"));
        Assert.Equal(OssTestClient.Md5Base64(data), put.Header("Content-MD5"));
        Assert.Equal(Crc64.Compute(data).ToString(CultureInfo.InvariantCulture), put.Header("x-oss-hash-crc64ecma"));
        Assert.Equal(data, Emulator.ReadObject(Bucket, "chunked.bin"));
        EmulatorObjectInfo info = Emulator.GetObjectInfo(Bucket, "chunked.bin")!;
        Assert.Equal(data.Length, info.Size);
        Assert.Equal("Normal", info.ObjectType);
        OssResponse get = await Client.SendAsync("GET", Bucket, "chunked.bin");
        Assert.Equal(data, get.Body);
        Assert.Equal(data.Length.ToString(CultureInfo.InvariantCulture), get.Header("Content-Length"));
    }

    [Fact]
    public async Task PutObject_ChunkedEmptyBody_StoresEmptyObject()
    {
        OssResponse put = await PutChunkedAsync("empty", Array.Empty<byte>());

        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
        Assert.Equal(0, Emulator.GetObjectInfo(Bucket, "empty")!.Size);
        Assert.Equal("0", put.Header("x-oss-hash-crc64ecma"));
    }

    /// <summary>
    /// The upload that failed with Alibaba's .NET SDK (ResumableUploadObject with its defaults):
    /// every part goes through a CRC-64 stream of unknown length, so it is sent chunked; the SDK
    /// compares the part's x-oss-hash-crc64ecma with its own CRC, then completes the upload.
    /// </summary>
    [Fact]
    public async Task MultipartUpload_PartsChunkedFromCrcStreamsOfUnknownLength_CompletesWithRightObjectETagAndCrc()
    {
        byte[] data = Data(2 * 262_144 + 77_777, seed: 5);
        int[] sizes = { 262_144, 262_144, 77_777 };
        string uploadId = await InitiateAsync("dotnet-sdk.bin");
        var parts = new List<(int, string)>();
        using var md5s = new MemoryStream();
        int offset = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            byte[] part = data.AsSpan(offset, sizes[i]).ToArray();
            offset += sizes[i];
            var stream = new Crc64ReadStream(part);
            using var content = new StreamContent(stream);

            OssResponse response = await Client.SendContentAsync("PUT", Bucket, "dotnet-sdk.bin", PartQuery(uploadId, i + 1), content, new[] { H("Content-Type", "application/octet-stream") });

            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            Assert.Equal(stream.Crc64.ToString(CultureInfo.InvariantCulture), response.Header("x-oss-hash-crc64ecma"));
            Assert.Equal("\"" + OssTestClient.Md5Hex(part) + "\"", response.Header("ETag"));
            md5s.Write(MD5.HashData(part));
            parts.Add((i + 1, response.Header("ETag")!));
        }

        OssResponse complete = await CompleteAsync("dotnet-sdk.bin", uploadId, parts);

        Assert.True(complete.Status == HttpStatusCode.OK, complete.ToString());
        string expectedETag = "\"" + Convert.ToHexString(MD5.HashData(md5s.ToArray())) + "-3\"";
        Assert.Equal(expectedETag, complete.Header("ETag"));
        Assert.Equal(Crc64.Compute(data).ToString(CultureInfo.InvariantCulture), complete.Header("x-oss-hash-crc64ecma"));
        Assert.Equal(data, Emulator.ReadObject(Bucket, "dotnet-sdk.bin"));
        EmulatorObjectInfo info = Emulator.GetObjectInfo(Bucket, "dotnet-sdk.bin")!;
        Assert.Equal(expectedETag, info.ETag);
        Assert.Equal(Crc64.Compute(data), info.Crc64);
        Assert.Equal("Multipart", info.ObjectType);
    }

    [Fact]
    public async Task PutObject_ChunkedWithMatchingContentMd5_Stored()
    {
        byte[] data = Data(300_000);

        OssResponse put = await PutChunkedAsync("md5", data, H("Content-MD5", OssTestClient.Md5Base64(data)));

        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
        Assert.Equal(data, Emulator.ReadObject(Bucket, "md5"));
    }

    [Fact]
    public async Task PutObject_ChunkedWithWrongContentMd5_InvalidDigestAndNothingStored()
    {
        byte[] data = Data(300_000);

        OssResponse put = await PutChunkedAsync("md5", data, H("Content-MD5", OssTestClient.Md5Base64(Data(10))));

        AssertError(put, HttpStatusCode.BadRequest, "InvalidDigest");
        Assert.Null(Emulator.GetObjectInfo(Bucket, "md5"));
        Assert.Empty(BlobFiles());
    }

    [Fact]
    public async Task UploadPart_ChunkedWithWrongContentMd5_InvalidDigestAndNoPart()
    {
        string uploadId = await InitiateAsync("k");

        OssResponse part = await Client.SendContentAsync("PUT", Bucket, "k", PartQuery(uploadId, 1), Chunked(Data(200_000)), new[] { H("Content-MD5", OssTestClient.Md5Base64(Data(10))) });

        AssertError(part, HttpStatusCode.BadRequest, "InvalidDigest");
        Assert.Empty(Emulator.ListUploads(Bucket).Single().Parts);
        Assert.Empty(BlobFiles());
    }

    [Fact]
    public async Task PutObject_ChunkedResetFault_ReadsKBytesThenAbortsAndStoresNothing()
    {
        FaultRule rule = Emulator.Faults.Add("op=PutObject,action=reset,bytes=65536");

        await Assert.ThrowsAsync<HttpRequestException>(() => PutChunkedAsync("reset", Data(1_000_000)));

        Assert.Equal(1, rule.FiredCount);
        EmulatorStatistics statistics = Emulator.GetStatistics();
        Assert.Equal(65_536, statistics.GetBodyBytesRead(EmulatorOperation.PutObject));
        Assert.Equal(1, statistics.ConnectionsAborted);
        Assert.Equal(0, statistics.BytesReceived);
        Assert.Null(Emulator.GetObjectInfo(Bucket, "reset"));
        Assert.Empty(BlobFiles());
    }

    [Fact]
    public async Task UploadPart_ChunkedThrottled_KeepsBodyIntact()
    {
        string uploadId = await InitiateAsync("slow");
        byte[] data = Data(120_000);
        FaultRule rule = Emulator.Faults.Add(new FaultRule { Operation = EmulatorOperation.UploadPart, Action = FaultAction.Throttle, BytesPerSecond = 400_000 });

        OssResponse part = await Client.SendContentAsync("PUT", Bucket, "slow", PartQuery(uploadId, 1), Chunked(data));

        Assert.True(part.Status == HttpStatusCode.OK, part.ToString());
        Assert.Equal(1, rule.FiredCount);
        EmulatorPartInfo stored = Emulator.ListUploads(Bucket).Single().Parts.Single();
        Assert.Equal(data.Length, stored.Size);
        Assert.Equal(Crc64.Compute(data), stored.Crc64);
    }

    [Fact]
    public async Task Statistics_ChunkedBodies_CountLikeSizedBodies()
    {
        string uploadId = await InitiateAsync("k");
        byte[] part = Data(250_000);
        byte[] whole = Data(40_000);

        await Client.SendContentAsync("PUT", Bucket, "k", PartQuery(uploadId, 1), Chunked(part));
        await PutChunkedAsync("small", whole);

        EmulatorStatistics statistics = Emulator.GetStatistics();
        Assert.Equal(part.Length, statistics.GetBodyBytesRead(EmulatorOperation.UploadPart));
        Assert.Equal(whole.Length, statistics.GetBodyBytesRead(EmulatorOperation.PutObject));
        Assert.Equal(part.Length + whole.Length, statistics.BytesReceived);
    }

    [Fact]
    public async Task CompleteMultipartUpload_ChunkedXmlBody_Completes()
    {
        string uploadId = await InitiateAsync("k");
        string eTag = await UploadPartAsync("k", uploadId, 1, Data(1000));
        byte[] xml = Encoding.UTF8.GetBytes(CompleteXml(new[] { (1, eTag) }));

        OssResponse complete = await Client.SendContentAsync("POST", Bucket, "k", new[] { Q("uploadId", uploadId) }, Chunked(xml), new[] { H("Content-Type", "application/xml") });

        Assert.True(complete.Status == HttpStatusCode.OK, complete.ToString());
        Assert.Equal(1000, Emulator.GetObjectInfo(Bucket, "k")!.Size);
    }

    [Fact]
    public async Task DeleteMultipleObjects_ChunkedXmlBody_Deletes()
    {
        await PutObjectAsync("a", Data(10));
        byte[] xml = Encoding.UTF8.GetBytes("<Delete><Quiet>true</Quiet><Object><Key>a</Key></Object></Delete>");

        OssResponse delete = await Client.SendContentAsync("POST", Bucket, null, new[] { Q("delete") }, Chunked(xml), new[] { H("Content-MD5", OssTestClient.Md5Base64(xml)) });

        Assert.True(delete.Status == HttpStatusCode.OK, delete.ToString());
        Assert.Null(Emulator.GetObjectInfo(Bucket, "a"));
    }
}
