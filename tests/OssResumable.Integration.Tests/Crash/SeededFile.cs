using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace OssResumable.Integration.Tests.Crash;

/// <summary>
/// A file of pseudo-random bytes from a seed (SplitMix64: fast, and the same bytes on every
/// machine and .NET version, unlike <see cref="Random"/> whose algorithm is not specified), with
/// its SHA-256 computed while it is written.
/// </summary>
internal static class SeededFile
{
    private const int ChunkSize = 4 * 1024 * 1024;

    public static byte[] Create(string path, long size, int seed)
    {
        ulong state = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ 0xD1B54A32D192ED03UL;
        byte[] chunk = new byte[ChunkSize];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            file.SetLength(size);
            long remaining = size;
            while (remaining > 0)
            {
                Span<ulong> words = MemoryMarshal.Cast<byte, ulong>(chunk.AsSpan());
                for (int i = 0; i < words.Length; i++)
                {
                    words[i] = Next(ref state);
                }

                int count = (int)Math.Min(ChunkSize, remaining);
                file.Write(chunk, 0, count);
                sha.AppendData(chunk, 0, count);
                remaining -= count;
            }
        }

        return sha.GetHashAndReset();
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
