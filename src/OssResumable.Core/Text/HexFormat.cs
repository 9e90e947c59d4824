using System.Text;

namespace OssResumable.Core.Text;

/// <summary>Lowercase hexadecimal, the form every hash in this module is written in.</summary>
internal static class HexFormat
{
    public static string ToLower(byte[] bytes) => ToLower(bytes, bytes.Length);

    public static string ToLower(byte[] bytes, int count)
    {
        const string Digits = "0123456789abcdef";
        var builder = new StringBuilder(count * 2);
        for (int i = 0; i < count; i++)
        {
            builder.Append(Digits[bytes[i] >> 4]);
            builder.Append(Digits[bytes[i] & 0xF]);
        }

        return builder.ToString();
    }
}
