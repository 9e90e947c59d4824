using System;
using System.Globalization;
using System.Text;
using OssResumable.Core.Hashing;

namespace OssResumable.Core.Tests.Hashing;

/// <summary>The vectors of docs/oss-protocol.md §6.5 and §6.6, through every path.</summary>
public class Crc64VectorTests
{
    private const string CheckString = "123456789";
    private const string BroadcastString = "This is a test of the emergency broadcast system.";

    public static TheoryData<string> Paths => Crc64Paths.All;

    [Fact]
    public void Compute_CheckString_ReturnsXzCheckValue()
    {
        Assert.Equal(0x995DC9BBDF1939FAUL, Crc64.Compute(Encoding.ASCII.GetBytes(CheckString)));
    }

    [Fact]
    public void Compute_CheckString_FormatsAsOssDecimalHeaderValue()
    {
        ulong crc = Crc64.Compute(Encoding.ASCII.GetBytes(CheckString));

        Assert.Equal("11051210869376104954", crc.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Compute_ProtocolStringVectors_MatchPublishedValues(string path)
    {
        Assert.Equal(0x995DC9BBDF1939FAUL, Crc64Paths.Compute(path, Encoding.ASCII.GetBytes(CheckString)));
        Assert.Equal(0x27DB187FC15BBC72UL, Crc64Paths.Compute(path, Encoding.ASCII.GetBytes(BroadcastString)));
        Assert.Equal(0x6A7AA19FCBF48688UL, Crc64Paths.Compute(path, Encoding.ASCII.GetBytes(CheckString + BroadcastString)));
        Assert.Equal(0UL, Crc64Paths.Compute(path, ReadOnlySpan<byte>.Empty));
        Assert.Equal(6748440630437108969UL, Crc64Paths.Compute(path, Encoding.ASCII.GetBytes("12345")));
        Assert.Equal(6285347597771850461UL, Crc64Paths.Compute(path, Encoding.ASCII.GetBytes("67890")));
        Assert.Equal(12811388247244714686UL, Crc64Paths.Compute(path, Encoding.ASCII.GetBytes("1234567890")));
    }

    [Fact]
    public void Combine_CheckAndBroadcastVectors_EqualsCrcOfConcatenation()
    {
        Assert.Equal(0x6A7AA19FCBF48688UL, Crc64.Combine(0x995DC9BBDF1939FAUL, 0x27DB187FC15BBC72UL, 49));
    }

    [Fact]
    public void Combine_12345And67890_Equals1234567890()
    {
        Assert.Equal(12811388247244714686UL, Crc64.Combine(6748440630437108969UL, 6285347597771850461UL, 5));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Compute_MultipartExampleParts_MatchProtocolDocument(string path)
    {
        byte[] data = MultipartExampleData();

        Assert.Equal(5409316634556368277UL, Crc64Paths.Compute(path, data.AsSpan(0, 102400)));
        Assert.Equal(8193091521729089674UL, Crc64Paths.Compute(path, data.AsSpan(102400, 102400)));
        Assert.Equal(3500614162694175473UL, Crc64Paths.Compute(path, data.AsSpan(204800, 51200)));
        Assert.Equal(13522109751786571237UL, Crc64Paths.Compute(path, data));
    }

    [Fact]
    public void Combine_MultipartExamplePartCrcs_EqualsWholeObjectCrc()
    {
        ulong whole = Crc64.Combine(Crc64.Combine(Crc64.Combine(0, 5409316634556368277UL, 102400), 8193091521729089674UL, 102400), 3500614162694175473UL, 51200);

        Assert.Equal(13522109751786571237UL, whole);
        Assert.Equal(whole, Crc64BitwiseReference.Compute(MultipartExampleData()));
    }

    // §6.6: 256000 bytes, byte i = i % 251.
    private static byte[] MultipartExampleData()
    {
        var data = new byte[256000];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(i % 251);
        }

        return data;
    }
}
