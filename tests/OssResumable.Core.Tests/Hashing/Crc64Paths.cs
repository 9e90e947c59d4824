using System;
using System.Runtime.Intrinsics.X86;
using OssResumable.Core.Hashing;

namespace OssResumable.Core.Tests.Hashing;

/// <summary>Names every CRC implementation so theories can run the same checks against each.</summary>
internal static class Crc64Paths
{
    public const string ByteTable = "ByteTable";
    public const string Slicing = "Slicing";
    public const string Pclmul = "Pclmul";
    public const string Dispatch = "Dispatch";

    /// <summary>
    /// All paths this machine can run. The PCLMULQDQ path is listed only where the CPU has the
    /// instruction; <see cref="Crc64PclmulAvailabilityTests"/> makes sure that is every x64 test machine.
    /// </summary>
    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { ByteTable, Slicing, Dispatch };
            if (Pclmulqdq.IsSupported)
            {
                data.Add(Pclmul);
            }

            return data;
        }
    }

    public static ulong Append(string path, ulong crc, ReadOnlySpan<byte> data) => path switch
    {
        ByteTable => Crc64ByteTable.Append(crc, data),
        Slicing => Crc64Slicing.Append(crc, data),
        Pclmul => Crc64Pclmul.Append(crc, data),
        Dispatch => Crc64.Append(crc, data),
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "Unknown CRC path."),
    };

    public static ulong Compute(string path, ReadOnlySpan<byte> data) => Append(path, 0, data);
}
