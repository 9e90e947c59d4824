using System;
using System.IO;
using System.Linq;

namespace OssResumable.Integration.Tests.Protocol;

/// <summary>The protocol doc's §6.6 sample: 256000 bytes, byte i = i % 251, parts of 102400/102400/51200.</summary>
internal sealed class TestData : IDisposable
{
    public const ulong WholeCrc64 = 13522109751786571237UL;
    public static readonly long[] PartSizes = { 102400, 102400, 51200 };
    public static readonly ulong[] PartCrc64 = { 5409316634556368277UL, 8193091521729089674UL, 3500614162694175473UL };
    public static readonly string[] PartETags = { "\"1A0F81547E5BA2E9C4A4B94A74731993\"", "\"DDD151E78EF9F976E3E80A227AF56180\"", "\"61D472DDC8F1C02DCDEFD164B0E18D90\"" };

    public TestData()
    {
        Bytes = Enumerable.Range(0, 256000).Select(i => (byte)(i % 251)).ToArray();
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "oss-client-it-" + Guid.NewGuid().ToString("N") + ".bin");
        File.WriteAllBytes(Path, Bytes);
    }

    public byte[] Bytes { get; }

    public string Path { get; }

    public static long Offset(int partIndex) => PartSizes.Take(partIndex).Sum();

    public void Dispose() => File.Delete(Path);
}
