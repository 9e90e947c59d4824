using System;
using System.Text;

namespace OssResumable.Core.Signing;

/// <summary>
/// The strict percent-encoding OSS uses for V4 canonical strings, request paths and
/// <c>encoding-type=url</c> values: keeps <c>A–Z a–z 0–9 - _ . ~</c> (and optionally <c>/</c>),
/// encodes every other UTF-8 byte as <c>%XX</c> with upper-case hex.
/// </summary>
public static class OssUriEncoder
{
    private const string Hex = "0123456789ABCDEF";

    /// <summary>Percent-encodes <paramref name="value"/>.</summary>
    /// <param name="value">Text to encode.</param>
    /// <param name="keepSlash">True to leave <c>/</c> unencoded (paths); false to encode it (query values).</param>
    /// <returns>The encoded text.</returns>
    public static string Encode(string value, bool keepSlash)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        byte[] bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length + 16);
        foreach (byte b in bytes)
        {
            if (IsUnreserved(b) || (keepSlash && b == (byte)'/'))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Decodes <c>%XX</c> escapes once (a <c>+</c> stays a plus sign) and interprets the bytes as UTF-8.
    /// </summary>
    /// <param name="value">Percent-encoded text.</param>
    /// <returns>The decoded text.</returns>
    /// <exception cref="FormatException">A <c>%</c> is not followed by two hex digits, or the bytes are not valid UTF-8.</exception>
    public static string Decode(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        if (value.IndexOf('%') < 0)
        {
            return value;
        }

        var bytes = new byte[Encoding.UTF8.GetByteCount(value)];
        int count = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '%')
            {
                if (i + 2 >= value.Length || HexValue(value[i + 1]) < 0 || HexValue(value[i + 2]) < 0)
                {
                    throw new FormatException("Invalid percent-encoding in '" + value + "'.");
                }

                bytes[count++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                i += 2;
            }
            else
            {
                count += Encoding.UTF8.GetBytes(value, i, char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1, bytes, count);
                if (char.IsHighSurrogate(c) && i + 1 < value.Length)
                {
                    i++;
                }
            }
        }

        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            return strict.GetString(bytes, 0, count);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException("Percent-encoded text is not valid UTF-8.", ex);
        }
    }

    private static bool IsUnreserved(byte b) =>
        (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'0' && b <= (byte)'9') ||
        b == (byte)'-' || b == (byte)'_' || b == (byte)'.' || b == (byte)'~';

    private static int HexValue(char c) =>
        c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}
