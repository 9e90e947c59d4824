using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

public class BucketTests : EmulatorTestBase
{
    [Fact]
    public async Task PutBucket_NewAndExisting_BothSucceed()
    {
        OssResponse created = await Client.SendAsync("PUT", "new-bucket", null);
        OssResponse again = await Client.SendAsync("PUT", "new-bucket", null);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("new-bucket", Emulator.ListBuckets());
    }

    [Fact]
    public async Task PutBucket_ExistingWithOtherStorageClass_BucketAlreadyExists()
    {
        byte[] body = OssTestClient.Utf8("<CreateBucketConfiguration><StorageClass>IA</StorageClass></CreateBucketConfiguration>");

        AssertError(await Client.SendAsync("PUT", Bucket, null, body: body), HttpStatusCode.Conflict, "BucketAlreadyExists");
    }

    [Fact]
    public async Task PutBucket_InvalidName_InvalidBucketName()
    {
        AssertError(await Client.SendAsync("PUT", "Bad_Bucket", null), HttpStatusCode.BadRequest, "InvalidBucketName");
    }

    [Fact]
    public async Task DeleteBucket_NotEmptyThenEmpty()
    {
        await PutObjectAsync("k", Data(1));
        string id = await InitiateAsync("u");

        AssertError(await Client.SendAsync("DELETE", Bucket, null), HttpStatusCode.Conflict, "BucketNotEmpty");
        await Client.SendAsync("DELETE", Bucket, "k");
        AssertError(await Client.SendAsync("DELETE", Bucket, null), HttpStatusCode.Conflict, "BucketNotEmpty");
        await Client.SendAsync("DELETE", Bucket, "u", new[] { Q("uploadId", id) });

        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync("DELETE", Bucket, null)).Status);
        AssertError(await Client.SendAsync("GET", Bucket, null), HttpStatusCode.NotFound, "NoSuchBucket");
        Assert.DoesNotContain(Bucket, Emulator.ListBuckets());
    }

    [Fact]
    public async Task ListBuckets_ListsOwnerAndBuckets()
    {
        Emulator.CreateBucket("second-bucket");

        OssResponse response = await Client.SendAsync("GET", null);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("ListAllMyBucketsResult", response.Xml.Root!.Name.ToString());
        Assert.Equal(new[] { "second-bucket", Bucket }, response.Xml.Descendants().Where(e => e.Name.LocalName == "Name").Select(e => e.Value));
        Assert.Equal("cn-hangzhou", response.XmlValue("Region"));
    }

    [Fact]
    public async Task GetBucketInfoAndLocation_DescribeTheBucket()
    {
        OssResponse info = await Client.SendAsync("GET", Bucket, null, new[] { Q("bucketInfo") });
        OssResponse location = await Client.SendAsync("GET", Bucket, null, new[] { Q("location") });

        Assert.Equal(Bucket, info.XmlValue("Name"));
        Assert.Equal("private", info.XmlValue("Grant"));
        Assert.Equal("LocationConstraint", location.Xml.Root!.Name.ToString());
        Assert.Equal("oss-cn-hangzhou", location.Xml.Root.Value);
    }

    [Fact]
    public async Task GetBucketAcl_AnswersAccessControlPolicyWithOwnerAndGrant()
    {
        OssResponse response = await Client.SendAsync("GET", Bucket, null, new[] { Q("acl") });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/xml", response.Header("Content-Type"));
        Assert.Equal("AccessControlPolicy", response.Xml.Root!.Name.ToString());
        Assert.Equal(new[] { "Owner", "AccessControlList" }, response.Xml.Root.Elements().Select(e => e.Name.LocalName));
        Assert.NotEmpty(response.Xml.Root.Element("Owner")!.Element("ID")!.Value);
        Assert.NotNull(response.Xml.Root.Element("Owner")!.Element("DisplayName"));
        Assert.Equal("private", response.Xml.Root.Element("AccessControlList")!.Element("Grant")!.Value);
    }

    [Fact]
    public async Task GetBucketAcl_UnknownBucket_NoSuchBucket()
    {
        AssertError(await Client.SendAsync("GET", "no-such-bucket", null, new[] { Q("acl") }), HttpStatusCode.NotFound, "NoSuchBucket");
    }

    [Fact]
    public async Task PutBucketAcl_ChangesTheAclAndKeepsItAcrossRestart()
    {
        OssResponse put = await Client.SendAsync("PUT", Bucket, null, new[] { Q("acl") }, headers: new[] { H("x-oss-acl", "public-read") });
        await RestartAsync();
        OssResponse get = await Client.SendAsync("GET", Bucket, null, new[] { Q("acl") });

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("public-read", get.XmlValue("Grant"));
        Assert.Equal(1, Emulator.GetRequestCount(EmulatorOperation.GetBucketAcl));
    }

    [Theory]
    [InlineData("public")]
    [InlineData(null)]
    public async Task PutBucketAcl_InvalidOrMissingAcl_InvalidArgumentAndUnchanged(string? acl)
    {
        KeyValuePair<string, string>[] headers = acl is null ? System.Array.Empty<KeyValuePair<string, string>>() : new[] { H("x-oss-acl", acl) };

        OssResponse put = await Client.SendAsync("PUT", Bucket, null, new[] { Q("acl") }, headers: headers);

        AssertError(put, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Equal("x-oss-acl", put.XmlValue("ArgumentName"));
        Assert.Equal("private", (await Client.SendAsync("GET", Bucket, null, new[] { Q("acl") })).XmlValue("Grant"));
    }
}
