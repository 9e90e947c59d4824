using System;
using System.Collections.Generic;

namespace OssResumable.Emulator.Operations;

/// <summary>
/// The listing algorithm shared by ListObjects and ListMultipartUploads: items in OSS order,
/// filtered by prefix and marker, keys containing the delimiter after the prefix rolled up into
/// common prefixes (each counts toward the page size), cut at <c>max</c> entries.
/// </summary>
internal static class Listing
{
    /// <param name="sortedItems">Items already in listing order.</param>
    /// <param name="keyOf">The key of an item.</param>
    /// <param name="prefix">Only keys starting with this.</param>
    /// <param name="delimiter">Roll-up delimiter, or empty.</param>
    /// <param name="isAfterMarker">Whether an item comes after the marker position.</param>
    /// <param name="keyMarker">The key marker; a common prefix that contains it was already returned.</param>
    /// <param name="max">Page size.</param>
    public static (List<ListingEntry<T>> Entries, bool IsTruncated) Page<T>(
        IEnumerable<T> sortedItems,
        Func<T, string> keyOf,
        string prefix,
        string delimiter,
        Func<T, bool> isAfterMarker,
        string keyMarker,
        int max)
        where T : class
    {
        var entries = new List<ListingEntry<T>>();
        string? lastPrefix = null;
        foreach (T item in sortedItems)
        {
            string key = keyOf(item);
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || !isAfterMarker(item))
            {
                continue;
            }

            if (delimiter.Length > 0)
            {
                int at = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                if (at >= 0)
                {
                    string common = key[..(at + delimiter.Length)];
                    if (common == lastPrefix || (keyMarker.Length > 0 && keyMarker.StartsWith(common, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    if (entries.Count == max)
                    {
                        return (entries, true);
                    }

                    entries.Add(new ListingEntry<T>(null, common));
                    lastPrefix = common;
                    continue;
                }
            }

            if (entries.Count == max)
            {
                return (entries, true);
            }

            entries.Add(new ListingEntry<T>(item, null));
        }

        return (entries, false);
    }
}
