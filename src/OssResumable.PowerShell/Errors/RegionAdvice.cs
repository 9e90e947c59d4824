using System;
using System.Linq;
using OssResumable.PowerShell.Completion;

namespace OssResumable.PowerShell.Errors;

/// <summary>
/// What to tell a user whose region (or endpoint) is wrong: OSS refusing the V4 signing region, or DNS not
/// knowing the host derived from it. Both are typos far more often than outages, so the advice names the
/// settings to check and, when the region is one letter or two away from a known one, that region.
/// </summary>
internal static class RegionAdvice
{
    private const int MaxTypoDistance = 2;

    /// <summary>The message for OSS's "Invalid signing region": what it means, then OSS's own message (with its RequestId).</summary>
    /// <param name="region">The signing region used, or null when unknown.</param>
    /// <param name="ossMessage">The exception's message.</param>
    /// <returns>The message.</returns>
    public static string SigningRegionRefused(string? region, string ossMessage) =>
        "OSS refused the signing region" + (region is null ? string.Empty : " '" + region + "'") + ": the bucket is not in that region. " + ossMessage;

    /// <summary>The recommended action for a refused signing region.</summary>
    /// <param name="region">The signing region used, or null when unknown.</param>
    /// <returns>The action.</returns>
    public static string CheckRegion(string? region) =>
        "Check -Region (or OSS_REGION / the profile's region): it must be the bucket's region, " + Example(region) + ".";

    /// <summary>The recommended action for an endpoint host DNS does not know.</summary>
    /// <param name="host">The host name.</param>
    /// <param name="region">The region the endpoint was derived from, or null.</param>
    /// <returns>The action.</returns>
    public static string CheckHost(string host, string? region) =>
        "The host '" + host + "' does not exist in DNS. Check -Region and -Endpoint (or OSS_REGION / OSS_ENDPOINT / the profile's region and endpoint)"
            + (NearestKnownRegion(region) is { } nearest ? "; did you mean region '" + nearest + "'?" : ".");

    /// <summary>The known region one or two edits away from <paramref name="region"/>, or null (also when it is itself known).</summary>
    /// <param name="region">A region id.</param>
    /// <returns>The likely intended region, or null.</returns>
    public static string? NearestKnownRegion(string? region)
    {
        if (string.IsNullOrWhiteSpace(region) || RegionCompleter.Regions.Any(r => string.Equals(r.Id, region, StringComparison.Ordinal)))
        {
            return null;
        }

        (string Id, int Distance) best = RegionCompleter.Regions
            .Select(r => (r.Id, Distance: EditDistance(region!, r.Id)))
            .OrderBy(candidate => candidate.Distance)
            .First();
        return best.Distance <= MaxTypoDistance ? best.Id : null;
    }

    private static string Example(string? region) =>
        NearestKnownRegion(region) is { } nearest ? "perhaps '" + nearest + "'" : "e.g. cn-hangzhou or ap-southeast-1";

    // Levenshtein distance (insert, delete, substitute), two rows.
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
