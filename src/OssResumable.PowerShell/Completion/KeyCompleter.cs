using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace OssResumable.PowerShell.Completion;

/// <summary>
/// Completes <c>-Key</c> of the cmdlets that act on an unfinished upload with the keys that have one (listed
/// under the typed prefix), once <c>-Bucket</c> is on the command line.
/// </summary>
internal sealed class KeyCompleter : UploadCompleter
{
    /// <inheritdoc />
    internal override (string? Key, string? Prefix) KeyFilter(IDictionary? bound, string word) =>
        (null, word.Length == 0 ? null : word);

    /// <inheritdoc />
    internal override IEnumerable<(string Value, string ListItem, string ToolTip)> Select(IEnumerable<OssMultipartUpload> uploads, string word) =>
        uploads
            .Where(u => u.Key.StartsWith(word, StringComparison.Ordinal))
            .OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => (u.Key, u.Key, Describe(u)));
}
