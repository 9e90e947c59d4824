using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.ExistingUploads;

namespace OssResumable.PowerShell.Completion;

/// <summary>
/// Completes <c>-UploadId</c> (and, with <see cref="KeyCompleter"/>, <c>-Key</c>) from the service: once
/// <c>-Bucket</c> is on the command line, the unfinished uploads Get-OssMultipartUpload would list, reached
/// with the connection and credential parameters typed so far (or the environment, as the command would).
/// Completion never fails and never hangs the prompt: without a bucket, credentials or an answer within
/// <see cref="Timeout"/>, it offers nothing.
/// </summary>
internal class UploadCompleter : IArgumentCompleter
{
    /// <summary>How long completion waits for OSS.</summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = CompletionValues.Unquote(wordToComplete);
        string? bucket = CompletionValues.Text(fakeBoundParameters, "Bucket");
        if (bucket is null)
        {
            return Array.Empty<CompletionResult>();
        }

        IReadOnlyList<OssMultipartUpload> uploads = List(CompletionValues.ConnectionFrom(fakeBoundParameters), bucket, KeyFilter(fakeBoundParameters, prefix));
        return CompletionValues.Results(Select(uploads, prefix).ToList());
    }

    /// <summary>Lists a bucket's unfinished uploads (those of one key, or under a prefix); empty on any failure.</summary>
    /// <param name="request">Connection parameters.</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="filter">The key (exact) or key prefix to ask for.</param>
    /// <returns>The uploads, at most one listing's worth within the timeout.</returns>
    internal static IReadOnlyList<OssMultipartUpload> List(ConnectionRequest request, string bucket, (string? Key, string? Prefix) filter)
    {
        var uploads = new List<OssMultipartUpload>();
        try
        {
            using var clients = new ClientProvider(new ConnectionResolver(SystemConfigurationEnvironment.Instance), factory: null, _ => { }, narrateRetries: false);
            using var timeout = new CancellationTokenSource(Timeout);
            UploadListing listing = UploadListing.Prepare(clients, request, bucket, filter.Prefix, filter.Key, olderThan: null);
            listing.RunAsync(DateTimeOffset.UtcNow, upload => { lock (uploads) { uploads.Add(upload); } }, timeout.Token).Wait(Timeout);
        }
#pragma warning disable CA1031 // Completion offers what it found; an error (no credentials, no network, a timeout) must not reach the prompt.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        lock (uploads)
        {
            return uploads.ToList();
        }
    }

    /// <summary>Which uploads to ask for, from the parameters typed so far and the word being completed.</summary>
    /// <param name="bound">The parameters typed so far.</param>
    /// <param name="word">The word being completed.</param>
    /// <returns>The exact key or the key prefix.</returns>
    internal virtual (string? Key, string? Prefix) KeyFilter(IDictionary? bound, string word) =>
        (CompletionValues.Text(bound, "Key"), null);

    /// <summary>The completions: upload ids starting with the word, newest first.</summary>
    /// <param name="uploads">The listed uploads.</param>
    /// <param name="word">The word being completed.</param>
    /// <returns>(completion, list item, tooltip) triples.</returns>
    internal virtual IEnumerable<(string Value, string ListItem, string ToolTip)> Select(IEnumerable<OssMultipartUpload> uploads, string word) =>
        uploads
            .Where(u => u.UploadId.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(u => u.Initiated)
            .Select(u => (u.UploadId, u.UploadId, Describe(u)));

    /// <summary>The tooltip of an upload.</summary>
    /// <param name="upload">The upload.</param>
    /// <returns>Destination and initiation time.</returns>
    protected static string Describe(OssMultipartUpload upload) =>
        upload.Destination + " (upload " + upload.UploadId + (upload.Initiated is DateTime initiated ? ", initiated " + initiated.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : string.Empty) + ")";
}
