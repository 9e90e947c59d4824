using System;
using System.Globalization;
using System.Text;

namespace OssResumable.Core.Protocol;

/// <summary>
/// OSS naming rules, checked before any request is sent so that a bad name fails fast with a clear
/// message instead of a server error.
/// </summary>
public static class OssNames
{
    /// <summary>Longest object key in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1023;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Checks a bucket name: 3 to 63 characters of <c>a-z</c>, <c>0-9</c> and <c>-</c>, starting and
    /// ending with a letter or digit.
    /// </summary>
    /// <param name="bucket">The bucket name.</param>
    /// <exception cref="ArgumentException">The name breaks a rule; the message says which.</exception>
    public static void ValidateBucket(string bucket)
    {
        string? problem = DescribeBucketProblem(bucket);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(bucket));
        }
    }

    /// <summary>
    /// Checks an object key: 1 to 1023 bytes of UTF-8, not starting with <c>/</c> or <c>\</c>, and
    /// well-formed text (no unpaired surrogates, which have no UTF-8 form).
    /// </summary>
    /// <param name="key">The object key.</param>
    /// <exception cref="ArgumentException">The key breaks a rule; the message says which.</exception>
    public static void ValidateKey(string key)
    {
        string? problem = DescribeKeyProblem(key);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(key));
        }
    }

    /// <summary>Returns why a bucket name is invalid, or null when it is valid.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <returns>A description of the problem, or null.</returns>
    public static string? DescribeBucketProblem(string? bucket)
    {
        if (string.IsNullOrEmpty(bucket))
        {
            return "The bucket name is empty.";
        }

        if (bucket!.Length < 3 || bucket.Length > 63)
        {
            return "The bucket name '" + bucket + "' must be 3 to 63 characters long.";
        }

        foreach (char c in bucket)
        {
            if (!IsLowerAlnum(c) && c != '-')
            {
                return "The bucket name '" + bucket + "' may only contain lower-case letters a-z, digits 0-9 and '-'.";
            }
        }

        if (!IsLowerAlnum(bucket[0]) || !IsLowerAlnum(bucket[bucket.Length - 1]))
        {
            return "The bucket name '" + bucket + "' must start and end with a lower-case letter or a digit.";
        }

        return null;
    }

    /// <summary>Returns why an object key is invalid, or null when it is valid.</summary>
    /// <param name="key">The object key.</param>
    /// <returns>A description of the problem, or null.</returns>
    public static string? DescribeKeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "The object key is empty.";
        }

        if (key![0] == '/' || key[0] == '\\')
        {
            return "The object key '" + key + "' must not start with '/' or '\\'. Remove the leading separator.";
        }

        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(key);
        }
        catch (ArgumentException)
        {
            return "The object key '" + key + "' contains an unpaired surrogate character and cannot be encoded as UTF-8.";
        }

        if (byteCount > MaxKeyBytes)
        {
            return string.Format(
                CultureInfo.InvariantCulture,
                "The object key is {0} bytes long in UTF-8; OSS allows at most {1}. Use a shorter key.",
                byteCount,
                MaxKeyBytes);
        }

        return null;
    }

    private static bool IsLowerAlnum(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
