using System;
using System.IO;
using System.Text;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>The ways a checkpoint (or upload ID record) file is found damaged by the next run.</summary>
public enum CheckpointDamage
{
    /// <summary>Cut to its first half (a crash or full disk while something else rewrote it).</summary>
    Truncated,

    /// <summary>One bit flipped in the upload ID: still JSON, the checksum fails, and the ID it names does not exist.</summary>
    BitFlippedInUploadId,

    /// <summary>One bit flipped in the opening brace: no longer JSON.</summary>
    BitFlippedInStructure,

    /// <summary>Zero bytes.</summary>
    Emptied,

    /// <summary>Replaced by another tool's JSON (an ossutil-style checkpoint naming some other upload).</summary>
    ForeignJson,

    /// <summary>The file is gone.</summary>
    Deleted,
}

/// <summary>Applies a <see cref="CheckpointDamage"/> to a file.</summary>
internal static class CheckpointDamageExtensions
{
    public static void ApplyTo(this CheckpointDamage damage, string path)
    {
        byte[] content = File.ReadAllBytes(path);
        switch (damage)
        {
            case CheckpointDamage.Truncated:
                File.WriteAllBytes(path, content.AsSpan(0, content.Length / 2).ToArray());
                break;
            case CheckpointDamage.BitFlippedInUploadId:
                content[ValueStart(content, "\"uploadId\": \"")] ^= 0x01;
                File.WriteAllBytes(path, content);
                break;
            case CheckpointDamage.BitFlippedInStructure:
                Assert.Equal((byte)'{', content[0]);
                content[0] ^= 0x01;
                File.WriteAllBytes(path, content);
                break;
            case CheckpointDamage.Emptied:
                File.WriteAllBytes(path, Array.Empty<byte>());
                break;
            case CheckpointDamage.ForeignJson:
                File.WriteAllText(path, "{\"Magic\":\"92611BED-89E2-46B6-89E5-72F273D4B0A3\",\"FilePath\":\"/data/x.bin\",\"UploadID\":\"0004B9894A22E5B1888A1E29F8236E2D\",\"PartStat\":[]}", Encoding.UTF8);
                break;
            case CheckpointDamage.Deleted:
                File.Delete(path);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }

    /// <summary>Index of the first character of the value after <paramref name="prefix"/> (e.g. <c>"uploadId": "</c>).</summary>
    public static int ValueStart(byte[] content, string prefix)
    {
        int at = content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(prefix));
        Assert.True(at >= 0, prefix + " not found");
        return at + prefix.Length;
    }
}
