using System;
using System.Collections.Generic;

namespace OssResumable.Emulator.Storage;

/// <summary>
/// Orders strings by their UTF-8 bytes (= Unicode code point order), the order OSS lists keys in.
/// Plain ordinal UTF-16 comparison differs for characters above U+FFFF versus U+E000–U+FFFF.
/// </summary>
internal sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static readonly Utf8OrdinalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        char a = x[common];
        char b = y[common];
        bool surrogateA = char.IsSurrogate(a);
        bool surrogateB = char.IsSurrogate(b);
        if (surrogateA == surrogateB)
        {
            return a.CompareTo(b);
        }

        // A surrogate starts a code point >= U+10000, above every BMP character.
        return surrogateA ? 1 : -1;
    }
}
