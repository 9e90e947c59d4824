using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Files;

namespace OssResumable.Core.Tests.Files;

public class FileWindowStreamTests
{
    [Fact]
    public void Read_WholeWindow_ReturnsExactlyTheWindowBytes()
    {
        using var temp = new TempDirectory();
        byte[] content = TempDirectory.Pattern(10_000);
        string path = temp.WriteFile("data.bin", content);

        using var window = FileWindowStream.Open(path, 1234, 5000);
        byte[] read = ReadAll(window, 777);

        Assert.Equal(content.AsSpan(1234, 5000).ToArray(), read);
        Assert.Equal(5000, window.Length);
        Assert.Equal(5000, window.Position);
    }

    [Fact]
    public void Read_LargeBufferAtWindowEnd_NeverReadsPastWindow()
    {
        using var temp = new TempDirectory();
        byte[] content = TempDirectory.Pattern(1000);
        string path = temp.WriteFile("data.bin", content);

        using var window = FileWindowStream.Open(path, 100, 50);
        var buffer = new byte[4096];
        int first = window.Read(buffer, 0, buffer.Length);
        int second = window.Read(buffer, 0, buffer.Length);

        Assert.Equal(50, first);
        Assert.Equal(0, second);
    }

    [Fact]
    public async Task ReadAsync_Memory_ReturnsWindowBytes()
    {
        using var temp = new TempDirectory();
        byte[] content = TempDirectory.Pattern(3000);
        string path = temp.WriteFile("data.bin", content);

        using var window = FileWindowStream.Open(path, 1000, 1000);
        using var copy = new MemoryStream();
        await window.CopyToAsync(copy, 333);

        Assert.Equal(content.AsSpan(1000, 1000).ToArray(), copy.ToArray());
    }

    [Fact]
    public async Task ReadAsync_ByteArray_ReturnsWindowBytes()
    {
        using var temp = new TempDirectory();
        byte[] content = TempDirectory.Pattern(3000);
        string path = temp.WriteFile("data.bin", content);

        using var window = FileWindowStream.Open(path, 10, 20);
        var buffer = new byte[100];
#pragma warning disable CA1835 // The byte[] overload is the one under test.
        int read = await window.ReadAsync(buffer, 0, buffer.Length);
#pragma warning restore CA1835

        Assert.Equal(20, read);
        Assert.Equal(content.AsSpan(10, 20).ToArray(), buffer.AsSpan(0, 20).ToArray());
    }

    [Fact]
    public async Task ReadAsync_FileOpenedOutsideWindows_CompletesOnTheCallingThread()
    {
        using var temp = new TempDirectory();
        byte[] content = TempDirectory.Pattern(300_000);
        string path = temp.WriteFile("data.bin", content);

        using var window = FileWindowStream.Open(path, 1000, 200_000);
        var buffer = new byte[128 * 1024];
        ValueTask<int> pending = window.ReadAsync(buffer.AsMemory());

        // Outside Windows the read is done before ReadAsync returns (no hop to another pool thread);
        // on Windows the file is read with overlapped I/O instead.
        Assert.Equal(!OperatingSystem.IsWindows(), window.ReadsInline);
        Assert.Equal(!OperatingSystem.IsWindows(), pending.IsCompleted);
        Assert.Equal(buffer.Length, await pending);
        Assert.Equal(content.AsSpan(1000, buffer.Length).ToArray(), buffer);
    }

    [Fact]
    public void ReadsInline_WindowOverACallersStream_False()
    {
        using var stream = new MemoryStream(new byte[100]);
        using var window = new FileWindowStream(stream, 0, 100, leaveOpen: true);

        Assert.False(window.ReadsInline);
    }

    [Fact]
    public async Task ReadAsync_CanceledBeforeTheRead_ThrowsAndReadsNothing()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", TempDirectory.Pattern(1000));
        using var window = FileWindowStream.Open(path, 0, 1000);
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();

#pragma warning disable CA2022 // The read must throw; there is no count to check.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await window.ReadAsync(new byte[100].AsMemory(), canceled.Token));
#pragma warning restore CA2022

        Assert.Equal(0, window.Position);
    }

    [Fact]
    public async Task ReadAsync_FileTruncatedAfterOpen_SourceChangedInsteadOfShortBody()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", new byte[1000]);
        using var window = FileWindowStream.Open(path, 0, 1000);
        using (var writer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
            writer.SetLength(400);
        }

        var buffer = new byte[1000];
        Assert.Equal(400, await window.ReadAsync(buffer.AsMemory()));
#pragma warning disable CA2022 // The read must throw; there is no count to check.
        await Assert.ThrowsAsync<SourceChangedException>(async () => await window.ReadAsync(buffer.AsMemory()));
#pragma warning restore CA2022
    }

    [Fact]
    public void Seek_BackToStart_RereadsSameBytes()
    {
        using var temp = new TempDirectory();
        byte[] content = TempDirectory.Pattern(2000);
        string path = temp.WriteFile("data.bin", content);

        using var window = FileWindowStream.Open(path, 500, 700);
        byte[] first = ReadAll(window, 64);
        window.Position = 0;
        byte[] second = ReadAll(window, 100);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Seek_FromEnd_PositionsWithinWindow()
    {
        using var stream = new MemoryStream(TempDirectory.Pattern(100));
        using var window = new FileWindowStream(stream, 10, 20, leaveOpen: true);

        window.Seek(-5, SeekOrigin.End);
        var buffer = new byte[10];

        Assert.Equal(5, window.Read(buffer, 0, 10));
        Assert.Equal(TempDirectory.Pattern(100).AsSpan(25, 5).ToArray(), buffer.AsSpan(0, 5).ToArray());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public void Seek_OutsideWindow_Throws(long position)
    {
        using var stream = new MemoryStream(new byte[100]);
        using var window = new FileWindowStream(stream, 10, 20, leaveOpen: true);

        Assert.Throws<ArgumentOutOfRangeException>(() => window.Position = position);
    }

    [Fact]
    public void Open_WindowBeyondEndOfFile_SourceChanged()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", new byte[100]);

        var ex = Assert.Throws<SourceChangedException>(() => FileWindowStream.Open(path, 50, 51));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileTruncatedAfterOpen_SourceChangedInsteadOfShortBody()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", new byte[1000]);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        using var window = new FileWindowStream(stream, 0, 1000, leaveOpen: true);

        stream.SetLength(400);
        var buffer = new byte[1000];
        int read = window.Read(buffer, 0, 1000);

        Assert.Equal(400, read);
        Assert.Throws<SourceChangedException>(() => window.Read(buffer, 0, 1000));
    }

    [Fact]
    public void Write_Always_NotSupported()
    {
        using var stream = new MemoryStream(new byte[10]);
        using var window = new FileWindowStream(stream, 0, 10, leaveOpen: true);

        Assert.False(window.CanWrite);
        Assert.Throws<NotSupportedException>(() => window.Write(new byte[1], 0, 1));
        Assert.Throws<NotSupportedException>(() => window.SetLength(1));
    }

    [Fact]
    public void Dispose_OwnedFile_ClosesIt()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", new byte[10]);

        var window = FileWindowStream.Open(path, 0, 10);
        window.Dispose();

        // Opening for writing works only once the window's read handle (FileShare.Read) is closed.
        using var writer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
        Assert.Throws<ObjectDisposedException>(() => window.Read(new byte[1], 0, 1));
    }

    [Fact]
    public void Dispose_LeaveOpen_InnerStillUsable()
    {
        using var stream = new MemoryStream(new byte[10]);
        var window = new FileWindowStream(stream, 0, 10, leaveOpen: true);

        window.Dispose();

        Assert.True(stream.CanRead);
    }

    [Fact]
    public void Constructor_NonSeekableInner_Rejected()
    {
        using var inner = new NonSeekableStream();

        Assert.Throws<ArgumentException>(() => new FileWindowStream(inner, 0, 1, leaveOpen: true));
    }

    [Fact]
    public void Read_TwoWindowsSharingNothing_ReadInterleavedIndependently()
    {
        using var temp = new TempDirectory();
        byte[] content = TempDirectory.Pattern(4096);
        string path = temp.WriteFile("data.bin", content);

        using var a = FileWindowStream.Open(path, 0, 2048);
        using var b = FileWindowStream.Open(path, 2048, 2048);
        var bufferA = new byte[2048];
        var bufferB = new byte[2048];
        for (int i = 0; i < 2048; i += 512)
        {
            Assert.Equal(512, a.Read(bufferA, i, 512));
            Assert.Equal(512, b.Read(bufferB, i, 512));
        }

        Assert.Equal(content.AsSpan(0, 2048).ToArray(), bufferA);
        Assert.Equal(content.AsSpan(2048, 2048).ToArray(), bufferB);
    }

    private static byte[] ReadAll(Stream stream, int chunk)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[chunk];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
