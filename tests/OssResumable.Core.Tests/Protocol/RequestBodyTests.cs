using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

public class RequestBodyTests
{
    [Fact]
    public async Task FromFile_Window_YieldsExactlyTheWindowEveryTime()
    {
        string path = Path.GetTempFileName();
        try
        {
            byte[] data = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 256)).ToArray();
            await File.WriteAllBytesAsync(path, data);
            var body = RequestBody.FromFile(path, 1000, 2500);

            for (int attempt = 0; attempt < 2; attempt++)
            {
                using var stream = body.OpenStream();
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                Assert.Equal(data.Skip(1000).Take(2500).ToArray(), copy.ToArray());
            }

            Assert.Equal(2500, body.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task FromFile_FileOpenForWritingElsewhere_CanStillBeRead()
    {
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, new byte[] { 1, 2, 3, 4 });
            using var writer = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);

            using var stream = RequestBody.FromFile(path, 1, 2).OpenStream();
            var buffer = new byte[10];
            int read = await stream.ReadAsync(buffer.AsMemory(0, 10));

            Assert.Equal(2, read);
            Assert.Equal(new byte[] { 2, 3 }, buffer.Take(2).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FromFile_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => RequestBody.FromFile(string.Empty, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestBody.FromFile("x", -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestBody.FromFile("x", 0, -1));
    }

    [Fact]
    public async Task FromBytes_SliceOfArray_YieldsSliceOnly()
    {
        byte[] data = { 0, 1, 2, 3, 4, 5 };
        var body = RequestBody.FromBytes(new ReadOnlyMemory<byte>(data, 2, 3));

        using var stream = body.OpenStream();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(new byte[] { 2, 3, 4 }, copy.ToArray());
        Assert.Equal(3, body.Length);
        Assert.Equal(0, RequestBody.Empty.Length);
    }
}
