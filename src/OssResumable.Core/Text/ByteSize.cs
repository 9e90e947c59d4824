using System.Globalization;

namespace OssResumable.Core.Text;

/// <summary>Formats byte counts for messages: a binary-unit figure for people and the exact count.</summary>
internal static class ByteSize
{
    private static readonly string[] Units = { "KiB", "MiB", "GiB", "TiB", "PiB" };

    /// <summary>Formats e.g. 8388608 as "8 MiB (8,388,608 bytes)" and 500 as "500 bytes".</summary>
    public static string Format(long bytes)
    {
        string exact = bytes.ToString("N0", CultureInfo.InvariantCulture) + (bytes == 1 ? " byte" : " bytes");
        if (bytes < 1024 && bytes > -1024)
        {
            return exact;
        }

        return Human(bytes) + " (" + exact + ")";
    }

    /// <summary>Formats only the binary-unit figure, e.g. "2.01 GiB".</summary>
    public static string Human(long bytes)
    {
        double value = bytes;
        int unit = -1;
        while ((value >= 1024 || value <= -1024) && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        if (unit < 0)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        }

        // Two decimals are enough to tell sizes apart in a message; whole numbers print without ".00".
        string number = value.ToString("0.##", CultureInfo.InvariantCulture);
        return number + " " + Units[unit];
    }
}
