using System;
using System.IO;
using System.Linq;
using OssResumable.Core.Files;

namespace OssResumable.Core.Tests.Files;

public class SourceSnapshotTests
{
    private const int Sample = SourceSnapshot.FingerprintSampleSize;
    private static readonly DateTime FixedTime = new(2024, 5, 1, 10, 20, 30, DateTimeKind.Utc);

    [Fact]
    public void Capture_ExistingFile_RecordsAbsolutePathLengthTimeAndFingerprint()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", TempDirectory.Pattern(1000));
        File.SetLastWriteTimeUtc(path, FixedTime);

        SourceSnapshot snapshot = SourceSnapshot.Capture(path);

        Assert.Equal(Path.GetFullPath(path), snapshot.FullPath);
        Assert.Equal(1000, snapshot.Length);
        Assert.Equal(FixedTime, snapshot.LastWriteTimeUtc);
        Assert.Equal(DateTimeKind.Utc, snapshot.LastWriteTimeUtc.Kind);
        Assert.StartsWith(SourceSnapshot.FingerprintScheme, snapshot.ContentFingerprint, StringComparison.Ordinal);
        Assert.Equal(SourceSnapshot.FingerprintScheme.Length + 64, snapshot.ContentFingerprint.Length);
    }

    [Fact]
    public void CaptureMetadata_UnchangedFile_EqualsAFullCaptureWithoutComparingContent()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", TempDirectory.Pattern(1000));

        SourceSnapshot metadata = SourceSnapshot.CaptureMetadata(path);
        SourceSnapshot full = SourceSnapshot.Capture(path);

        Assert.Equal(Path.GetFullPath(path), metadata.FullPath);
        Assert.Equal(1000, metadata.Length);
        Assert.Equal(SourceChanges.None, metadata.CompareWith(full));
        Assert.Equal(SourceChanges.None, full.CompareWith(metadata));
        Assert.DoesNotContain(SourceSnapshot.FingerprintScheme, metadata.ContentFingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void CaptureMetadata_FileRewrittenWithNewLengthAndTime_BothReported()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", TempDirectory.Pattern(1000));
        File.SetLastWriteTimeUtc(path, FixedTime);
        SourceSnapshot before = SourceSnapshot.CaptureMetadata(path);
        File.WriteAllBytes(path, TempDirectory.Pattern(1001));
        File.SetLastWriteTimeUtc(path, FixedTime.AddSeconds(1));

        SourceChanges changes = before.CompareWith(SourceSnapshot.CaptureMetadata(path));

        Assert.Equal(SourceChanges.Length | SourceChanges.LastWriteTime, changes);
    }

    [Fact]
    public void CaptureMetadata_MissingFile_FileNotFound()
    {
        using var temp = new TempDirectory();

        Assert.Throws<FileNotFoundException>(() => SourceSnapshot.CaptureMetadata(temp.Combine("missing.bin")));
    }

    [Fact]
    public void Capture_SameFileTwice_Unchanged()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", TempDirectory.Pattern(5 * Sample));

        SourceSnapshot first = SourceSnapshot.Capture(path);
        SourceSnapshot second = SourceSnapshot.Capture(path);

        Assert.Equal(SourceChanges.None, first.CompareWith(second));
        Assert.Empty(first.DescribeChanges(second));
        first.EnsureUnchanged(second);
    }

    [Fact]
    public void Capture_EmptyFile_HasFingerprint()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("empty.bin", Array.Empty<byte>());

        SourceSnapshot snapshot = SourceSnapshot.Capture(path);

        Assert.Equal(0, snapshot.Length);
        Assert.StartsWith(SourceSnapshot.FingerprintScheme, snapshot.ContentFingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Capture_MissingFile_FileNotFound()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<FileNotFoundException>(() => SourceSnapshot.Capture(temp.Combine("missing.bin")));

        Assert.Contains("missing.bin", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void CompareWith_SameSizeAndTimeButDifferentSampledByte_ContentChange(int where)
    {
        // where: 0 = first byte, 2 = middle of the file, 4 = last byte.
        using var temp = new TempDirectory();
        byte[] content = TempDirectory.Pattern(10 * Sample);
        string path = temp.WriteFile("data.bin", content);
        File.SetLastWriteTimeUtc(path, FixedTime);
        SourceSnapshot before = SourceSnapshot.Capture(path);

        int index = where switch
        {
            0 => 0,
            2 => content.Length / 2,
            _ => content.Length - 1,
        };
        content[index] ^= 0xFF;
        File.WriteAllBytes(path, content);
        File.SetLastWriteTimeUtc(path, FixedTime);
        SourceSnapshot after = SourceSnapshot.Capture(path);

        Assert.Equal(SourceChanges.Content, before.CompareWith(after));
        Assert.Contains("content differs", Assert.Single(before.DescribeChanges(after)), StringComparison.Ordinal);
    }

    [Fact]
    public void CompareWith_SmallFileAnyByteChanged_ContentChange()
    {
        // Files up to three samples are hashed whole, so even the unsampled middle counts.
        using var temp = new TempDirectory();
        byte[] content = TempDirectory.Pattern((3 * Sample) - 7);
        string path = temp.WriteFile("data.bin", content);
        File.SetLastWriteTimeUtc(path, FixedTime);
        SourceSnapshot before = SourceSnapshot.Capture(path);

        content[Sample + 5] ^= 1;
        File.WriteAllBytes(path, content);
        File.SetLastWriteTimeUtc(path, FixedTime);

        Assert.Equal(SourceChanges.Content, before.CompareWith(SourceSnapshot.Capture(path)));
    }

    [Fact]
    public void CompareWith_TouchOnly_LastWriteTimeChange()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", TempDirectory.Pattern(4096));
        File.SetLastWriteTimeUtc(path, FixedTime);
        SourceSnapshot before = SourceSnapshot.Capture(path);

        File.SetLastWriteTimeUtc(path, FixedTime.AddSeconds(1));
        SourceSnapshot after = SourceSnapshot.Capture(path);

        Assert.Equal(SourceChanges.LastWriteTime, before.CompareWith(after));
        Assert.Equal(
            "last-write time was 2024-05-01 10:20:30.0000000 UTC, now 2024-05-01 10:20:31.0000000 UTC",
            Assert.Single(before.DescribeChanges(after)));
    }

    [Fact]
    public void CompareWith_Appended_LengthTimeAndContentChange()
    {
        using var temp = new TempDirectory();
        string path = temp.WriteFile("data.bin", new byte[10]);
        File.SetLastWriteTimeUtc(path, FixedTime);
        SourceSnapshot before = SourceSnapshot.Capture(path);

        File.WriteAllBytes(path, new byte[12]);
        File.SetLastWriteTimeUtc(path, FixedTime.AddMinutes(1));
        SourceSnapshot after = SourceSnapshot.Capture(path);

        Assert.Equal(SourceChanges.Length | SourceChanges.LastWriteTime | SourceChanges.Content, before.CompareWith(after));
        Assert.Contains("size was 10 bytes, now 12 bytes", before.DescribeChanges(after));
    }

    [Fact]
    public void CompareWith_OtherPath_PathChange()
    {
        using var temp = new TempDirectory();
        byte[] content = TempDirectory.Pattern(100);
        string a = temp.WriteFile("a.bin", content);
        string b = temp.WriteFile("b.bin", content);
        File.SetLastWriteTimeUtc(a, FixedTime);
        File.SetLastWriteTimeUtc(b, FixedTime);

        Assert.Equal(SourceChanges.Path, SourceSnapshot.Capture(a).CompareWith(SourceSnapshot.Capture(b)));
    }

    [Fact]
    public void EnsureUnchanged_Changed_ThrowsSourceChangedWithDetails()
    {
        var before = new SourceSnapshot("/data/x.bin", 10, FixedTime, "sha256-hmt64k:aa");
        var after = new SourceSnapshot("/data/x.bin", 12, FixedTime, "sha256-hmt64k:aa");

        var ex = Assert.Throws<SourceChangedException>(() => before.EnsureUnchanged(after));

        Assert.Equal(SourceChanges.Length, ex.Changes);
        Assert.Equal("/data/x.bin", ex.SourcePath);
        Assert.Contains("size was 10 bytes, now 12 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RelativePath_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new SourceSnapshot("relative/x.bin", 1, FixedTime, "f"));
    }

    [Fact]
    public void Constructor_LocalTime_StoredAsUtc()
    {
        DateTime local = FixedTime.ToLocalTime();

        var snapshot = new SourceSnapshot("/x", 1, local, "f");

        Assert.Equal(FixedTime, snapshot.LastWriteTimeUtc);
        Assert.Equal(DateTimeKind.Utc, snapshot.LastWriteTimeUtc.Kind);
    }

    [Theory]
    [InlineData(0, new long[0])]
    [InlineData(1, new long[] { 0 })]
    [InlineData(3 * 65536, new long[] { 0, 65536, 131072 })]
    [InlineData(3 * 65536 + 1, new long[] { 0, 65536, 131073 })]
    [InlineData(1_000_000, new long[] { 0, 467232, 934464 })]
    public void SampleOffsets_Lengths_StartMiddleEndOrWholeFile(long length, long[] expected)
    {
        Assert.Equal(expected, SourceSnapshot.SampleOffsets(length).ToArray());
    }

    [Fact]
    public void ComputeFingerprint_HugeSparseLength_ReadsOnlyThreeSamples()
    {
        // A 500 GB "file" whose stream only serves the three sample windows: any other read fails.
        long length = 500L * 1000 * 1000 * 1000;
        using var stream = new SampleOnlyStream(length);

        string fingerprint = SourceSnapshot.ComputeFingerprint(stream, length, "huge.bin");

        Assert.StartsWith(SourceSnapshot.FingerprintScheme, fingerprint, StringComparison.Ordinal);
        Assert.Equal(3 * Sample, stream.BytesRead);
    }

    [Fact]
    public void ComputeFingerprint_StreamShorterThanLength_SourceChanged()
    {
        using var stream = new MemoryStream(new byte[10]);

        var ex = Assert.Throws<SourceChangedException>(() => SourceSnapshot.ComputeFingerprint(stream, 1000, "shrunk.bin"));

        Assert.Contains("shrunk.bin", ex.Message, StringComparison.Ordinal);
    }

    private sealed class SampleOnlyStream : Stream
    {
        private readonly long _length;
        private readonly long[] _allowed;
        private long _position;

        public SampleOnlyStream(long length)
        {
            _length = length;
            _allowed = SourceSnapshot.SampleOffsets(length).ToArray();
        }

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Assert.Contains(_allowed, start => _position >= start && _position + count <= start + Sample);
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = (byte)(_position + i);
            }

            _position += count;
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
