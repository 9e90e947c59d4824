using System;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

public class OssNamesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("my-bucket-01")]
    [InlineData("0bucket9")]
    public void ValidateBucket_ValidName_DoesNotThrow(string bucket)
    {
        Assert.Null(Record.Exception(() => OssNames.ValidateBucket(bucket)));
        Assert.Null(OssNames.DescribeBucketProblem(bucket));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ab", "3 to 63")]
    [InlineData("MyBucket", "lower-case")]
    [InlineData("-bucket", "start and end")]
    [InlineData("bucket-", "start and end")]
    [InlineData("buck_et", "lower-case")]
    [InlineData("bucket.name", "lower-case")]
    public void ValidateBucket_InvalidName_ThrowsSayingWhy(string bucket, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => OssNames.ValidateBucket(bucket));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateBucket_64Characters_Throws()
    {
        Assert.Throws<ArgumentException>(() => OssNames.ValidateBucket(new string('a', 64)));
        OssNames.ValidateBucket(new string('a', 63));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("dir/sub/file.bin")]
    [InlineData("a/../b")]
    [InlineData("中文键")]
    [InlineData("with space and \\ backslash")]
    public void ValidateKey_ValidKey_DoesNotThrow(string key)
    {
        Assert.Null(Record.Exception(() => OssNames.ValidateKey(key)));
        Assert.Null(OssNames.DescribeKeyProblem(key));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/leading", "must not start")]
    [InlineData("\\leading", "must not start")]
    public void ValidateKey_InvalidKey_ThrowsSayingWhy(string key, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => OssNames.ValidateKey(key));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateKey_UnpairedSurrogate_Throws()
    {
        // Built at run time: xunit's theory data serialisation would replace the lone surrogate.
        string key = "bad" + (char)0xD800 + "surrogate";

        var ex = Assert.Throws<ArgumentException>(() => OssNames.ValidateKey(key));

        Assert.Contains("surrogate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateKey_LengthLimitCountsUtf8Bytes()
    {
        OssNames.ValidateKey(new string('a', 1023));
        Assert.Throws<ArgumentException>(() => OssNames.ValidateKey(new string('a', 1024)));

        // 341 three-byte characters = 1023 bytes; one more ASCII character tips it over.
        string cjk = new('中', 341);
        OssNames.ValidateKey(cjk);
        var ex = Assert.Throws<ArgumentException>(() => OssNames.ValidateKey(cjk + "a"));
        Assert.Contains("1024 bytes", ex.Message, StringComparison.Ordinal);
    }
}
