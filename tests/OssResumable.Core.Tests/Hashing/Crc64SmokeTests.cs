using System.Text;
using OssResumable.Core.Hashing;

namespace OssResumable.Core.Tests.Hashing;

public class Crc64SmokeTests
{
    [Fact]
    public void Compute_CheckString_ReturnsXzCheckValue()
    {
        Assert.Equal(0x995DC9BBDF1939FAUL, Crc64.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Combine_TwoVectors_EqualsCrcOfConcatenation()
    {
        ulong a = Crc64.Compute(Encoding.ASCII.GetBytes("123456789"));
        ulong b = Crc64.Compute(Encoding.ASCII.GetBytes("This is a test of the emergency broadcast system."));

        Assert.Equal(0x27DB187FC15BBC72UL, b);
        Assert.Equal(0x6A7AA19FCBF48688UL, Crc64.Combine(a, b, 49));
    }
}
