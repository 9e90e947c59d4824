using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.ExistingUploads;
using OssResumable.PowerShell.Tests.Fakes;

namespace OssResumable.PowerShell.Tests.ExistingUploads;

public class ListingTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeOssClient _client = new();
    private readonly ClientProvider _clients;

    public ListingTests()
    {
        var environment = new FakeEnvironment();
        environment.Variables["OSS_ACCESS_KEY_ID"] = "id";
        environment.Variables["OSS_ACCESS_KEY_SECRET"] = "secret";
        _clients = new ClientProvider(new ConnectionResolver(environment), _ => _client, _ => { });
        _client.Uploads.Add(new MultipartUploadSummary("bkt", "sql/a.bak", "U1", Now.AddDays(-10), "IA"));
        _client.Uploads.Add(new MultipartUploadSummary("bkt", "sql/a.bak.old", "U2", Now.AddDays(-1), null));
        _client.Uploads.Add(new MultipartUploadSummary("bkt", "web/b.zip", "U3", Now.AddDays(-30), null));
    }

    private static ConnectionRequest Request() => new() { Endpoint = "http://127.0.0.1:9000", Region = "cn-hangzhou" };

    [Fact]
    public async Task UploadListing_OlderThan_KeepsOnlyOldUploadsWithEndpointAndLocalTime()
    {
        var emitted = new ConcurrentQueue<OssMultipartUpload>();
        UploadListing listing = UploadListing.Prepare(_clients, Request(), "bkt", null, null, TimeSpan.FromDays(7));

        await listing.RunAsync(Now, emitted.Enqueue, CancellationToken.None);

        Assert.Equal(new[] { "U1", "U3" }, emitted.Select(u => u.UploadId));
        OssMultipartUpload first = emitted.First();
        Assert.Equal("http://127.0.0.1:9000", first.Endpoint);
        Assert.Equal("cn-hangzhou", first.Region);
        Assert.Equal("IA", first.StorageClass);
        Assert.Equal(DateTimeKind.Local, first.Initiated!.Value.Kind);
        Assert.Equal(Now.AddDays(-10).UtcDateTime, first.Initiated.Value.ToUniversalTime());
    }

    [Fact]
    public async Task UploadListing_Key_IsExactEvenThoughOssMatchesByPrefix()
    {
        var emitted = new ConcurrentQueue<OssMultipartUpload>();
        UploadListing listing = UploadListing.Prepare(_clients, Request(), "bkt", null, "sql/a.bak", null);

        await listing.RunAsync(Now, emitted.Enqueue, CancellationToken.None);

        Assert.Equal("sql/a.bak", _client.ListRequests.Single().Prefix);
        Assert.Equal(new[] { "U1" }, emitted.Select(u => u.UploadId));
    }

    [Fact]
    public void UploadListing_KeyAndPrefix_RefusedBeforeAnyRequest()
    {
        Assert.Throws<ArgumentException>(() => UploadListing.Prepare(_clients, Request(), "bkt", "sql/", "sql/a.bak", null));
        Assert.Throws<ArgumentException>(() => UploadListing.Prepare(_clients, Request(), "Bad_Bucket", null, null, null));
        Assert.Empty(_client.ListRequests);
    }

    [Fact]
    public async Task PartListing_ConvertsCrcToDecimalTextAndTimeToLocal()
    {
        _client.Parts.Add(new ListedPart(1, 8388608, "\"E1\"", 18446744073709551615UL, Now));
        _client.Parts.Add(new ListedPart(2, 100, "\"E2\"", null, Now));
        var emitted = new ConcurrentQueue<OssUploadPart>();

        await PartListing.Prepare(_clients, Request(), "bkt", "k", "U1").RunAsync(emitted.Enqueue, CancellationToken.None);

        OssUploadPart[] parts = emitted.ToArray();
        Assert.Equal("18446744073709551615", parts[0].Crc64);
        Assert.Null(parts[1].Crc64);
        Assert.Equal(("bkt", "k", "U1"), (parts[0].Bucket, parts[0].Key, parts[0].UploadId));
        Assert.Equal(DateTimeKind.Local, parts[0].LastModified.Kind);
    }

    [Fact]
    public void PartListing_EmptyUploadId_Refused() =>
        Assert.Throws<ArgumentException>(() => PartListing.Prepare(_clients, Request(), "bkt", "k", " "));

    [Fact]
    public async Task UploadStop_Existing_ReturnsTrue()
    {
        bool existed = await UploadStop.ForUpload(_clients, Request(), "bkt", "k", "U1", null).RunAsync(CancellationToken.None);

        Assert.True(existed);
        Assert.Equal("bkt/k/U1", _client.Aborted.Single());
    }

    [Fact]
    public async Task UploadStop_NoSuchUpload_IsNotAnErrorButReported()
    {
        _client.AbortFailure = new OssServiceException("gone", 404, "NoSuchUpload", "gone", null, null, null, null, "AbortMultipartUpload", "bkt", "k");

        bool existed = await UploadStop.ForUpload(_clients, Request(), "bkt", "k", "U1", null).RunAsync(CancellationToken.None);

        Assert.False(existed);
    }

    [Fact]
    public async Task UploadStop_OtherFailure_Propagates()
    {
        _client.AbortFailure = new OssServiceException("denied", 403, "AccessDenied", "no", null, null, null, null, "AbortMultipartUpload", "bkt", "k");

        await Assert.ThrowsAsync<OssServiceException>(() => UploadStop.ForUpload(_clients, Request(), "bkt", "k", "U1", null).RunAsync(CancellationToken.None));
    }
}
