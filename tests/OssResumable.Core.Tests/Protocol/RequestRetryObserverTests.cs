using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

/// <summary>The per-request retry observer the upload engine uses to count and log one upload's retries.</summary>
public class RequestRetryObserverTests
{
    private static readonly byte[] PartBytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task UploadPart_TransientErrorsThenSuccess_RequestObserverAndClientObserverBothNotified()
    {
        var handler = new FakeOssHandler((request, index) => index < 2
            ? FakeOssHandler.Response(HttpStatusCode.InternalServerError, FakeOssHandler.ErrorXml("InternalError"))
            : FakeOssHandler.Response(HttpStatusCode.OK, null, ("ETag", "\"E\""), ("x-oss-hash-crc64ecma", Crc64.Compute(request.Body).ToString(CultureInfo.InvariantCulture))));
        var clientNotices = new ConcurrentQueue<OssRetryNotice>();
        var requestNotices = new ConcurrentQueue<OssRetryNotice>();
        var options = TestClients.Options(maxRetries: 3);
        options.RetryObserver = clientNotices.Enqueue;
        using var client = TestClients.Create(handler, options);

        await client.UploadPartAsync(new UploadPartRequest("bucket", "k", "U", 7, RequestBody.FromBytes(PartBytes)) { RetryObserver = requestNotices.Enqueue });

        Assert.Equal(new[] { 1, 2 }, requestNotices.Select(n => n.AttemptNumber));
        Assert.Equal(new[] { 1, 2 }, clientNotices.Select(n => n.AttemptNumber));
        Assert.All(requestNotices, n => Assert.Equal("UploadPart", n.Operation));
    }

    [Fact]
    public async Task RequestObserver_OnlySeesItsOwnRequest()
    {
        var handler = new FakeOssHandler((request, _) => request.Uri.AbsolutePath.EndsWith("/fails", StringComparison.Ordinal)
            ? FakeOssHandler.Response(HttpStatusCode.ServiceUnavailable, FakeOssHandler.ErrorXml("ServiceUnavailable"))
            : FakeOssHandler.Response(HttpStatusCode.OK, null, ("ETag", "\"E\""), ("x-oss-hash-crc64ecma", Crc64.Compute(request.Body).ToString(CultureInfo.InvariantCulture))));
        using var client = TestClients.Create(handler, TestClients.Options(maxRetries: 2));
        int okRetries = 0;
        int failingRetries = 0;

        await client.PutObjectAsync(new PutObjectRequest("bucket", "ok", RequestBody.FromBytes(PartBytes)) { RetryObserver = _ => okRetries++ });
        await Assert.ThrowsAsync<OssServiceException>(() =>
            client.PutObjectAsync(new PutObjectRequest("bucket", "fails", RequestBody.FromBytes(PartBytes)) { RetryObserver = _ => failingRetries++ }));

        Assert.Equal(0, okRetries);
        Assert.Equal(2, failingRetries);
    }

    [Fact]
    public async Task RequestObserver_Throws_RetryStillHappens()
    {
        var handler = new FakeOssHandler((_, index) => index == 0
            ? FakeOssHandler.Response(HttpStatusCode.InternalServerError, FakeOssHandler.ErrorXml("InternalError"))
            : FakeOssHandler.Response(HttpStatusCode.OK, "<InitiateMultipartUploadResult><Bucket>bucket</Bucket><Key>k</Key><UploadId>U1</UploadId></InitiateMultipartUploadResult>"));
        using var client = TestClients.Create(handler);

        var result = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest("bucket", "k")
        {
            RetryObserver = _ => throw new InvalidOperationException("observer failure"),
        });

        Assert.Equal("U1", result.UploadId);
        Assert.Equal(2, handler.RequestList.Count);
    }

    [Fact]
    public void Endpoint_IsSchemeHostAndPortOnly()
    {
        var options = TestClients.Options();
        options.Endpoint = new Uri("http://127.0.0.1:9000/");
        using var client = new OssClient(options, new OssCredentials(TestClients.AccessKeyId, TestClients.Secret));

        Assert.Equal(new Uri("http://127.0.0.1:9000"), client.Endpoint);
    }
}
