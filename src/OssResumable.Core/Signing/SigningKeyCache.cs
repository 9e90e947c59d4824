using System;
using System.Security.Cryptography;
using System.Text;

namespace OssResumable.Core.Signing;

/// <summary>
/// The last V4 signing key a client derived: the key depends only on the secret, the date, the region
/// and the product, so every request of one day reuses it (one HMAC per request instead of five).
/// </summary>
/// <remarks>
/// The secret itself is never kept: the entry is matched by the SHA-256 of the secret, so a new
/// credential (rotation, a refreshed STS token's secret) derives a new key, and so does a new date.
/// Safe for concurrent use: an entry is immutable and replaced as a whole.
/// </remarks>
internal sealed class SigningKeyCache
{
    private Entry? _last;

    /// <summary>The signing key for these values: the cached one when they match, else a new one (which is then cached).</summary>
    /// <param name="accessKeySecret">The secret.</param>
    /// <param name="date">The date, yyyyMMdd (UTC).</param>
    /// <param name="region">The region.</param>
    /// <param name="product">The product.</param>
    /// <returns>The key; callers must not change it.</returns>
    public byte[] GetOrDerive(string accessKeySecret, string date, string region, string product = OssSignatureV4.DefaultProduct)
    {
        byte[] secretHash = HashOf(accessKeySecret);
        Entry? last = System.Threading.Volatile.Read(ref _last);
        if (last is not null && last.Matches(secretHash, date, region, product))
        {
            return last.Key;
        }

        byte[] key = OssSignatureV4.DeriveSigningKey(accessKeySecret, date, region, product);
        System.Threading.Volatile.Write(ref _last, new Entry(secretHash, date, region, product, key));
        return key;
    }

    private static byte[] HashOf(string secret)
    {
#if NET8_0_OR_GREATER
        return SHA256.HashData(Encoding.UTF8.GetBytes(secret));
#else
        using var sha = SHA256.Create();
        return sha.ComputeHash(Encoding.UTF8.GetBytes(secret));
#endif
    }

    private sealed class Entry
    {
        private readonly byte[] _secretHash;
        private readonly string _date;
        private readonly string _region;
        private readonly string _product;

        public Entry(byte[] secretHash, string date, string region, string product, byte[] key)
        {
            _secretHash = secretHash;
            _date = date;
            _region = region;
            _product = product;
            Key = key;
        }

        public byte[] Key { get; }

        public bool Matches(byte[] secretHash, string date, string region, string product) =>
            string.Equals(_date, date, StringComparison.Ordinal)
            && string.Equals(_region, region, StringComparison.Ordinal)
            && string.Equals(_product, product, StringComparison.Ordinal)
            && _secretHash.AsSpan().SequenceEqual(secretHash);
    }
}
