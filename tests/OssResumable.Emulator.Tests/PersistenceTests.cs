using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

public class PersistenceTests : EmulatorTestBase
{
    [Fact]
    public async Task Restart_KeepsObjectsUploadsAndParts()
    {
        await PutObjectAsync("kept", Data(1000), H("x-oss-meta-a", "1"), H("Content-Type", "text/x-kept"));
        string id = await InitiateAsync("resumed", H("Content-Type", "video/x-later"));
        string e1 = await UploadPartAsync("resumed", id, 1, Data(102400, seed: 1));

        await RestartAsync();

        OssResponse get = await Client.SendAsync("GET", Bucket, "kept");
        Assert.Equal(Data(1000), get.Body);
        Assert.Equal("1", get.Header("x-oss-meta-a"));
        Assert.Equal("text/x-kept", get.Header("Content-Type"));
        OssResponse parts = await Client.SendAsync("GET", Bucket, "resumed", new[] { Q("uploadId", id) });
        Assert.Equal(e1, parts.XmlValue("ETag"));
        string e2 = await UploadPartAsync("resumed", id, 2, Data(10, seed: 2));
        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync("resumed", id, new[] { (1, e1), (2, e2) })).Status);
        Assert.Equal(Data(102400, seed: 1).Concat(Data(10, seed: 2)), Emulator.ReadObject(Bucket, "resumed"));
        Assert.Equal("video/x-later", Emulator.GetObjectInfo(Bucket, "resumed")!.ContentType);
    }

    [Fact]
    public async Task Restart_KeepsBucketsCreatedAtRuntime()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync("PUT", "runtime-bucket", null)).Status);

        await RestartAsync();

        Assert.Contains("runtime-bucket", Emulator.ListBuckets());
    }

    [Fact]
    public async Task Restart_CollectsLeftoversOfAnInterruptedRun()
    {
        await PutObjectAsync("kept", Data(10));
        string id = await InitiateAsync("u");
        await UploadPartAsync("u", id, 1, Data(10));
        string bucketDir = Path.Combine(DataDirectory, "buckets", Bucket);
        string strayBlob = Path.Combine(bucketDir, "blobs", "0123456789abcdef0123456789abcdef.blob");
        string strayTemp = Path.Combine(bucketDir, "objects", "half-written.json.1234.tmp");
        string abortedUpload = Path.Combine(bucketDir, "uploads", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        await File.WriteAllBytesAsync(strayBlob, Data(100));
        await File.WriteAllTextAsync(strayTemp, "{");
        Directory.CreateDirectory(abortedUpload);
        await File.WriteAllTextAsync(Path.Combine(abortedUpload, "part-00001.json"), "{}");

        await RestartAsync();

        Assert.False(File.Exists(strayBlob));
        Assert.False(File.Exists(strayTemp));
        Assert.False(Directory.Exists(abortedUpload));
        Assert.Equal(Data(10), Emulator.ReadObject(Bucket, "kept"));
        Assert.Single(Emulator.ListUploads(Bucket).Single().Parts);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(bucketDir, "blobs")).Length);
    }

    [Fact]
    public async Task Restart_UploadCompletedJustBeforeACrash_IsNotResurrected()
    {
        string id = await InitiateAsync("done");
        string e1 = await UploadPartAsync("done", id, 1, Data(10));
        string uploadDir = Path.Combine(DataDirectory, "buckets", Bucket, "uploads", id);
        string uploadJson = await File.ReadAllTextAsync(Path.Combine(uploadDir, "upload.json"));
        string partJson = await File.ReadAllTextAsync(Path.Combine(uploadDir, "part-00001.json"));
        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync("done", id, new[] { (1, e1) })).Status);

        // Simulate a crash between the object commit and the removal of the upload's files.
        Directory.CreateDirectory(uploadDir);
        await File.WriteAllTextAsync(Path.Combine(uploadDir, "upload.json"), uploadJson);
        await File.WriteAllTextAsync(Path.Combine(uploadDir, "part-00001.json"), partJson);
        await RestartAsync();

        Assert.Empty(Emulator.ListUploads());
        Assert.Equal(Data(10), Emulator.ReadObject(Bucket, "done"));
    }

    [Fact]
    public async Task Restart_PreconfiguredBucketRecreatedWithOtherClass_IsKeptAsIs()
    {
        byte[] body = OssTestClient.Utf8("<CreateBucketConfiguration><StorageClass>IA</StorageClass></CreateBucketConfiguration>");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync("DELETE", Bucket, null)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync("PUT", Bucket, null, body: body)).Status);

        await RestartAsync();

        OssResponse info = await Client.SendAsync("GET", Bucket, null, new[] { Q("bucketInfo") });
        Assert.Equal("IA", info.XmlValue("StorageClass"));
        Assert.False(Emulator.CreateBucket(Bucket));
    }

    [Fact]
    public async Task Restart_CorruptMetadata_FailsWithInvalidDataException()
    {
        await PutObjectAsync("k", Data(1));
        string objects = Path.Combine(DataDirectory, "buckets", Bucket, "objects");
        await File.WriteAllTextAsync(Directory.GetFiles(objects).Single(), "{ not json");

        await Emulator.DisposeAsync();
        await Assert.ThrowsAsync<InvalidDataException>(() => OssEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = DataDirectory,
            Credentials = { new EmulatorCredential(AccessKeyId, Secret) },
        }));
        Directory.Delete(objects, recursive: true);
        await RestartAsync();
    }
}
