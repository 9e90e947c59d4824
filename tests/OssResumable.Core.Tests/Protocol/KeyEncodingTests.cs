using System;
using System.Collections.Generic;
using OssResumable.Core.Protocol;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Tests.Protocol;

public class KeyEncodingTests
{
    private static readonly List<KeyValuePair<string, string>> NoQuery = new();

    [Theory]
    [InlineData("plain/file.txt", "plain/file.txt")]
    [InlineData("a b+c", "a%20b%2Bc")]
    [InlineData("a\\b", "a%5Cb")]
    [InlineData("%2F", "%252F")]
    [InlineData("数据/文件.bin", "%E6%95%B0%E6%8D%AE/%E6%96%87%E4%BB%B6.bin")]
    [InlineData("a/../b", "a%2F..%2Fb")]
    [InlineData("a/./b", "a%2F.%2Fb")]
    [InlineData("..", "%2E%2E")]
    [InlineData(".", "%2E")]
    [InlineData("a..b/.c/..d", "a..b/.c/..d")]
    [InlineData("dir/..", "dir%2F..")]
    [InlineData("q?x#y", "q%3Fx%23y")]
    public void EncodeKeyForPath_Key_EncodesSoThatUriCannotRewrite(string key, string expected)
    {
        Assert.Equal(expected, OssEndpoint.EncodeKeyForPath(key));
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("a\\b")]
    [InlineData("%2F")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("x/./y/../z")]
    [InlineData("dir/")]
    [InlineData("trailing.")]
    public void BuildUri_TrickyKey_PathDecodesBackToKey(string key)
    {
        var endpoint = OssEndpoint.Resolve(new OssClientOptions { Endpoint = new Uri("http://127.0.0.1:9000"), Region = "cn-hangzhou" });

        var uri = endpoint.BuildUri("bucket", key, NoQuery);

        Assert.StartsWith("/bucket/", uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(key, Core.Signing.OssUriEncoder.Decode(uri.AbsolutePath.Substring("/bucket/".Length)));
    }

    [Fact]
    public void FormatQuery_ValuesAndBareNames_StrictlyEncoded()
    {
        var query = new List<KeyValuePair<string, string>> { new("uploads", string.Empty), new("prefix", "a/b c+~"), new("uploadId", "ABC") };

        Assert.Equal("uploads&prefix=a%2Fb%20c%2B~&uploadId=ABC", OssEndpoint.FormatQuery(query));
    }
}
