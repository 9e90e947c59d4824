using System;

namespace OssResumable.Integration.Tests.Transfer;

internal static class TestBytes
{
    public static byte[] Create(long size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
