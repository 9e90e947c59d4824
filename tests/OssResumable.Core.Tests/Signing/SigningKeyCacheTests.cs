using System;
using System.Linq;
using System.Reflection;
using OssResumable.Core.Signing;

namespace OssResumable.Core.Tests.Signing;

public class SigningKeyCacheTests
{
    [Fact]
    public void GetOrDerive_SameValuesTwice_DerivedOnceAndEqualToTheVector()
    {
        var cache = new SigningKeyCache();

        byte[] first = cache.GetOrDerive("sk", "20231216", "cn-hangzhou");
        byte[] second = cache.GetOrDerive("sk", "20231216", "cn-hangzhou");

        Assert.Same(first, second);
        Assert.Equal(OssSignatureV4.DeriveSigningKey("sk", "20231216", "cn-hangzhou"), first);
    }

    [Fact]
    public void GetOrDerive_NewDay_NewKey()
    {
        var cache = new SigningKeyCache();
        byte[] before = cache.GetOrDerive("sk", "20231216", "cn-hangzhou");

        byte[] after = cache.GetOrDerive("sk", "20231217", "cn-hangzhou");

        Assert.NotEqual(before, after);
        Assert.Equal(OssSignatureV4.DeriveSigningKey("sk", "20231217", "cn-hangzhou"), after);
    }

    [Fact]
    public void GetOrDerive_NewCredentialSameDay_NewKey()
    {
        var cache = new SigningKeyCache();
        byte[] before = cache.GetOrDerive("sk", "20231216", "cn-hangzhou");

        byte[] rotated = cache.GetOrDerive("sk-rotated", "20231216", "cn-hangzhou");

        Assert.NotEqual(before, rotated);
        Assert.Equal(OssSignatureV4.DeriveSigningKey("sk-rotated", "20231216", "cn-hangzhou"), rotated);
    }

    [Fact]
    public void GetOrDerive_OtherRegionOrProduct_NewKey()
    {
        var cache = new SigningKeyCache();
        cache.GetOrDerive("sk", "20231216", "cn-hangzhou");

        Assert.Equal(OssSignatureV4.DeriveSigningKey("sk", "20231216", "cn-beijing"), cache.GetOrDerive("sk", "20231216", "cn-beijing"));
        Assert.Equal(OssSignatureV4.DeriveSigningKey("sk", "20231216", "cn-beijing", "other"), cache.GetOrDerive("sk", "20231216", "cn-beijing", "other"));
    }

    [Fact]
    public void GetOrDerive_AfterUse_TheSecretIsNotHeldInClear()
    {
        const string Secret = "a-very-distinct-secret-value";
        var cache = new SigningKeyCache();
        cache.GetOrDerive(Secret, "20231216", "cn-hangzhou");

        object entry = typeof(SigningKeyCache).GetField("_last", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(cache)!;
        var held = entry.GetType().GetFields(BindingFlags.NonPublic | BindingFlags.Instance).Select(f => f.GetValue(entry)).ToList();

        Assert.DoesNotContain(held, value => value is string text && text.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(held, value => value is byte[] bytes && System.Text.Encoding.UTF8.GetString(bytes).Contains(Secret, StringComparison.Ordinal));
    }
}
