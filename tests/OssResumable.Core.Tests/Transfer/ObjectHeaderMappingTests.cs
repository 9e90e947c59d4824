using System;
using System.Linq;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;
using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Tests.Transfer;

public class ObjectHeaderMappingTests
{
    [Fact]
    public void ToHeaders_NoOptions_OnlyTheDefaultContentType()
    {
        var headers = ObjectHeaderMapping.ToHeaders(null);

        var single = Assert.Single(headers);
        Assert.Equal("content-type", single.Key);
        Assert.Equal("application/octet-stream", single.Value);
    }

    [Fact]
    public void ToHeaders_EveryOption_AllowedInACheckpointAndRoundTrips()
    {
        var options = new ObjectWriteOptions
        {
            ContentType = "text/plain",
            CacheControl = "no-cache",
            ContentDisposition = "attachment; filename=a.txt",
            ContentEncoding = "gzip",
            Expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
            StorageClass = "IA",
            ObjectAcl = "private",
            ServerSideEncryption = "KMS",
            ServerSideEncryptionKeyId = "key-1",
            ForbidOverwrite = true,
        };
        options.Metadata["Owner"] = "ops";
        options.Tagging["b"] = "2 & 3";
        options.Tagging["a"] = "1";

        var headers = CheckpointHeaders.Normalize(ObjectHeaderMapping.ToHeaders(options));
        ObjectWriteOptions back = ObjectHeaderMapping.FromHeaders(headers);

        Assert.Equal("a=1&b=2%20%26%203", headers["x-oss-tagging"]);
        Assert.Equal("ops", headers["x-oss-meta-owner"]);
        Assert.Equal(options.ContentType, back.ContentType);
        Assert.Equal(options.CacheControl, back.CacheControl);
        Assert.Equal(options.ContentDisposition, back.ContentDisposition);
        Assert.Equal(options.ContentEncoding, back.ContentEncoding);
        Assert.Equal(options.Expires, back.Expires);
        Assert.Equal(options.StorageClass, back.StorageClass);
        Assert.Equal(options.ObjectAcl, back.ObjectAcl);
        Assert.Equal(options.ServerSideEncryption, back.ServerSideEncryption);
        Assert.Equal(options.ServerSideEncryptionKeyId, back.ServerSideEncryptionKeyId);
        Assert.True(back.ForbidOverwrite);
        Assert.Equal("ops", back.Metadata["owner"]);
        Assert.Equal(options.Tagging.OrderBy(t => t.Key), back.Tagging.OrderBy(t => t.Key));
        Assert.Equal(headers, CheckpointHeaders.Normalize(ObjectHeaderMapping.ToHeaders(back)));
    }

    [Fact]
    public void ToHeaders_SameTagsInAnotherOrder_SameRecordedValue()
    {
        var first = new ObjectWriteOptions();
        first.Tagging["x"] = "1";
        first.Tagging["y"] = "2";
        var second = new ObjectWriteOptions();
        second.Tagging["y"] = "2";
        second.Tagging["x"] = "1";

        Assert.Equal(ObjectHeaderMapping.ToHeaders(first), ObjectHeaderMapping.ToHeaders(second));
    }
}
