namespace OssResumable.NetFxProxy;

/// <summary>
/// CRC-64/XZ computed the slow, obvious way, independent of the engine's code: bit by bit for short
/// inputs, and with a plain 256-entry table (built here from the polynomial) for long ones.
/// </summary>
internal static class Crc64Reference
{
    private const ulong Polynomial = 0xC96C5795D7870F42UL;
    private static readonly ulong[] Table = BuildTable();

    public static ulong Bitwise(byte[] data, int offset, int count)
    {
        ulong crc = ulong.MaxValue;
        for (int i = offset; i < offset + count; i++)
        {
            crc ^= data[i];
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }
        }

        return ~crc;
    }

    public static ulong Bytewise(byte[] data, int offset, int count)
    {
        ulong crc = ulong.MaxValue;
        for (int i = offset; i < offset + count; i++)
        {
            crc = Table[(byte)(crc ^ data[i])] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (int n = 0; n < 256; n++)
        {
            ulong crc = (ulong)n;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }

            table[n] = crc;
        }

        return table;
    }
}
