using System;
using System.Collections.Generic;
using OssResumable.Core.Checkpoints;

namespace OssResumable.Core.Tests.Checkpoints;

public class CheckpointHeadersTests
{
    [Theory]
    [InlineData("Content-Type")]
    [InlineData("cache-control")]
    [InlineData("x-oss-storage-class")]
    [InlineData("x-oss-server-side-encryption-key-id")]
    [InlineData("x-oss-meta-owner")]
    [InlineData("X-OSS-META-Owner")]
    [InlineData("x-oss-forbid-overwrite")]
    public void IsAllowed_ObjectHeaders_True(string name)
    {
        Assert.True(CheckpointHeaders.IsAllowed(name));
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("x-oss-security-token")]
    [InlineData("x-oss-date")]
    [InlineData("x-oss-content-sha256")]
    [InlineData("Content-MD5")]
    [InlineData("x-oss-meta-")]
    [InlineData("Cookie")]
    [InlineData("")]
    public void IsAllowed_SecretsAndPerRequestHeaders_False(string name)
    {
        Assert.False(CheckpointHeaders.IsAllowed(name));
    }

    [Fact]
    public void Normalize_Headers_LowercaseOrdinalOrder()
    {
        IReadOnlyDictionary<string, string> result = CheckpointHeaders.Normalize(new Dictionary<string, string>
        {
            ["x-oss-meta-b"] = "2",
            ["Content-Type"] = "t",
            ["X-Oss-Meta-A"] = "1",
        });

        Assert.Equal(new[] { "content-type", "x-oss-meta-a", "x-oss-meta-b" }, result.Keys);
    }

    [Fact]
    public void Normalize_SameNameDifferentCase_Rejected()
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", "a"),
            new("content-type", "b"),
        };

        Assert.Throws<ArgumentException>(() => CheckpointHeaders.Normalize(headers));
    }

    [Fact]
    public void Normalize_ValueWithLineBreak_Rejected()
    {
        Assert.Throws<ArgumentException>(() => CheckpointHeaders.Normalize(new Dictionary<string, string> { ["x-oss-meta-a"] = "1\r\nX: y" }));
    }

    [Fact]
    public void Normalize_DisallowedHeader_MessageNamesHeaderButNotValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => CheckpointHeaders.Normalize(new Dictionary<string, string> { ["x-oss-security-token"] = "TOP-SECRET-TOKEN" }));

        Assert.Contains("x-oss-security-token", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP-SECRET-TOKEN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_Null_Empty()
    {
        Assert.Empty(CheckpointHeaders.Normalize(null));
    }
}
