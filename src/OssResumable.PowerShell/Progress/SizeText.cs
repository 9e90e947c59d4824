using System.Globalization;

namespace OssResumable.PowerShell.Progress;

/// <summary>Human-readable byte counts and rates for progress text ("1.5 GiB", "45.2 MiB/s").</summary>
internal static class SizeText
{
    private static readonly string[] Units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };

    /// <summary>Formats a byte count with binary units and at most one decimal.</summary>
    /// <param name="bytes">Bytes.</param>
    /// <returns>Text such as <c>512 B</c>, <c>1.5 GiB</c>.</returns>
    public static string Bytes(long bytes)
    {
        double value = bytes < 0 ? 0 : bytes;
        int unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        string format = unit == 0 || value >= 100 ? "0" : "0.#";
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    /// <summary>Formats a rate.</summary>
    /// <param name="bytesPerSecond">Bytes per second.</param>
    /// <returns>Text such as <c>45.2 MiB/s</c>.</returns>
    public static string Rate(double bytesPerSecond) => Bytes((long)bytesPerSecond) + "/s";
}
