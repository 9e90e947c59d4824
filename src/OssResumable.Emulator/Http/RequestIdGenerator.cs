using System;
using System.Security.Cryptography;
using System.Threading;

namespace OssResumable.Emulator.Http;

/// <summary>
/// OSS-style request ids: 24 upper-case hex characters, unique per process (random prefix +
/// counter) and cheap to produce.
/// </summary>
internal sealed class RequestIdGenerator
{
    private readonly string _prefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
    private long _counter = RandomNumberGenerator.GetInt32(int.MaxValue);

    public string Next()
    {
        long value = Interlocked.Increment(ref _counter);
        return _prefix + value.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
