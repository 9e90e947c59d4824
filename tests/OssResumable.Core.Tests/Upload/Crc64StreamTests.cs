using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using OssResumable.Core.Hashing;
using OssResumable.Core.Upload;

namespace OssResumable.Core.Tests.Upload;

public class Crc64StreamTests
{
    [Fact]
    public void Read_CheckString_CrcMatchesOssVector()
    {
        using var hashing = new Crc64Stream(new MemoryStream(Encoding.ASCII.GetBytes("123456789")), leaveOpen: false);

        hashing.CopyTo(Stream.Null, 4);

        Assert.Equal(0x995DC9BBDF1939FAUL, hashing.Crc64);
        Assert.Equal(9, hashing.HashedLength);
    }

    [Fact]
    public void Read_MultipartExamplePart_CrcMatchesProtocolDocument()
    {
        // oss-protocol.md §6.6: byte i = i % 251; part 1 = bytes 0..102399.
        var data = new byte[256_000];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(i % 251);
        }

        using var window = new FileWindowStream(new MemoryStream(data), 102_400, 102_400, leaveOpen: false);
        using var hashing = new Crc64Stream(window, leaveOpen: false);
        hashing.CopyTo(Stream.Null, 8192);

        Assert.Equal(8193091521729089674UL, hashing.Crc64);
    }

    [Fact]
    public async Task ReadAsync_Data_SameCrcAsCompute()
    {
        byte[] data = TempDirectory.Pattern(100_000);
        using var hashing = new Crc64Stream(new MemoryStream(data), leaveOpen: false);

        await hashing.CopyToAsync(Stream.Null, 4096);

        Assert.Equal(Crc64.Compute(data), hashing.Crc64);
    }

    [Fact]
    public void Read_RewoundAndReadAgain_BytesCountedOnce()
    {
        byte[] data = TempDirectory.Pattern(10_000);
        using var hashing = new Crc64Stream(new MemoryStream(data), leaveOpen: false);
        var buffer = new byte[3000];

        Assert.Equal(3000, hashing.Read(buffer, 0, 3000));
        hashing.Position = 0;
        hashing.CopyTo(Stream.Null, 4096);

        Assert.Equal(10_000, hashing.HashedLength);
        Assert.Equal(Crc64.Compute(data), hashing.Crc64);
    }

    [Fact]
    public void Read_RewoundToMiddleOfHashedBytes_OverlapHashedOnce()
    {
        byte[] data = TempDirectory.Pattern(1000);
        using var hashing = new Crc64Stream(new MemoryStream(data), leaveOpen: false);
        var buffer = new byte[600];

        Assert.Equal(600, hashing.Read(buffer, 0, 600));
        hashing.Position = 400;
        Assert.Equal(600, hashing.Read(buffer, 0, 600));

        Assert.Equal(1000, hashing.HashedLength);
        Assert.Equal(Crc64.Compute(data), hashing.Crc64);
    }

    [Fact]
    public void Read_AfterSkippingForward_StopsHashingAtTheGap()
    {
        byte[] data = TempDirectory.Pattern(1000);
        using var hashing = new Crc64Stream(new MemoryStream(data), leaveOpen: false);
        var buffer = new byte[100];

        Assert.Equal(100, hashing.Read(buffer, 0, 100));
        hashing.Position = 500;
        hashing.CopyTo(Stream.Null);

        Assert.Equal(100, hashing.HashedLength);
        Assert.Equal(Crc64.Compute(data.AsSpan(0, 100)), hashing.Crc64);
    }

    [Fact]
    public void Read_NonSeekableInner_HashesSequentially()
    {
        byte[] data = TempDirectory.Pattern(5000);
        using var hashing = new Crc64Stream(new NonSeekableStream(data), leaveOpen: false);

        hashing.CopyTo(Stream.Null, 1000);

        Assert.False(hashing.CanSeek);
        Assert.Equal(Crc64.Compute(data), hashing.Crc64);
    }

    [Fact]
    public void Read_Nothing_CrcIsZero()
    {
        using var hashing = new Crc64Stream(new MemoryStream(), leaveOpen: false);

        hashing.CopyTo(Stream.Null);

        Assert.Equal(0UL, hashing.Crc64);
        Assert.Equal(0, hashing.HashedLength);
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public NonSeekableStream(byte[] data)
            : base(data)
        {
        }

        public override bool CanSeek => false;
    }
}
