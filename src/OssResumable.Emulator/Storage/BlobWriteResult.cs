namespace OssResumable.Emulator.Storage;

/// <summary>What was stored: length, MD5 digest and CRC-64 of the bytes.</summary>
internal readonly record struct BlobWriteResult(long Length, byte[] Md5, ulong Crc64);
