using System;
using System.Linq;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Tests.Protocol;

public class ObjectWriteHeadersTests
{
    [Fact]
    public void ToHeaders_NoOptions_OnlyTheDefaultContentType()
    {
        var headers = ObjectWriteHeaders.ToHeaders(null, includeAcl: true);

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

        var headers = CheckpointHeaders.Normalize(ObjectWriteHeaders.ToHeaders(options, includeAcl: true));
        ObjectWriteOptions back = ObjectWriteHeaders.FromHeaders(headers);

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
        Assert.Equal(headers, CheckpointHeaders.Normalize(ObjectWriteHeaders.ToHeaders(back, includeAcl: true)));
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

        Assert.Equal(ObjectWriteHeaders.ToHeaders(first, includeAcl: true), ObjectWriteHeaders.ToHeaders(second, includeAcl: true));
    }

    [Fact]
    public void ToHeaders_WithoutAcl_LeavesTheAclForComplete()
    {
        var options = new ObjectWriteOptions { ObjectAcl = "private", StorageClass = "IA" };

        Assert.DoesNotContain(ObjectWriteHeaders.ToHeaders(options, includeAcl: false), h => h.Key == "x-oss-object-acl");
        Assert.Contains(ObjectWriteHeaders.ToHeaders(options, includeAcl: true), h => h.Key == "x-oss-object-acl" && h.Value == "private");
    }

    [Fact]
    public void ApplyCompletion_AclAndForbidOverwrite_SameHeadersAsPutObject()
    {
        var options = new ObjectWriteOptions { ObjectAcl = " public-read ", ForbidOverwrite = true };
        var operation = new OssOperation("CompleteMultipartUpload", System.Net.Http.HttpMethod.Post, "bucket", "key");

        ObjectWriteHeaders.ApplyCompletion(operation, options.ObjectAcl, options.ForbidOverwrite);

        var expected = ObjectWriteHeaders.ToHeaders(options, includeAcl: true).Where(h => h.Key is "x-oss-object-acl" or "x-oss-forbid-overwrite");
        Assert.Equal(expected.OrderBy(h => h.Key), operation.Headers.OrderBy(h => h.Key));
        Assert.Contains(operation.Headers, h => h.Key == "x-oss-object-acl" && h.Value == "public-read");
    }

    [Fact]
    public void ApplyCompletion_NoAclAndOverwriteAllowed_AddsNothing()
    {
        var operation = new OssOperation("CompleteMultipartUpload", System.Net.Http.HttpMethod.Post, "bucket", "key");

        ObjectWriteHeaders.ApplyCompletion(operation, objectAcl: " ", forbidOverwrite: false);

        Assert.Empty(operation.Headers);
    }

    [Theory]
    [InlineData("with space", "v", "letters, digits and '-'")]
    [InlineData("under_score", "v", "letters, digits and '-'")]
    [InlineData("", "v", "empty")]
    [InlineData("name", "caf\u00e9", "printable ASCII")]
    [InlineData("name", "line\nbreak", "printable ASCII")]
    public void Validate_BadMetadata_RefusedBeforeAnythingIsSent(string name, string value, string reason)
    {
        var options = new ObjectWriteOptions();
        options.Metadata[name] = value;

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LettersDigitsDashesAndAscii_AcceptedAndSentLowerCase()
    {
        var options = new ObjectWriteOptions();
        options.Metadata["source-host"] = "sql01 (nightly)";
        options.Metadata["Job2"] = string.Empty;

        Assert.Null(Record.Exception(options.Validate));
        Assert.Contains(ObjectWriteHeaders.ToHeaders(options, includeAcl: true), h => h.Key == "x-oss-meta-source-host" && h.Value == "sql01 (nightly)");
        Assert.Contains(ObjectWriteHeaders.ToHeaders(options, includeAcl: true), h => h.Key == "x-oss-meta-job2" && h.Value.Length == 0);
    }
}
