using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OssResumable.PowerShell.Configuration;

namespace OssResumable.PowerShell.Completion;

/// <summary>
/// Helpers shared by the argument completers: reading what the user has already typed on the command line
/// (PowerShell's <c>fakeBoundParameters</c>) and building completion results.
/// </summary>
internal static class CompletionValues
{
    /// <summary>A bound value as text, or null when absent or empty.</summary>
    /// <param name="bound">The parameters typed so far.</param>
    /// <param name="name">The parameter name.</param>
    /// <returns>The text or null.</returns>
    public static string? Text(IDictionary? bound, string name)
    {
        object? value = Value(bound, name);
        string? text = value?.ToString();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>A bound value with PowerShell's wrapper removed, or null.</summary>
    /// <param name="bound">The parameters typed so far.</param>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value or null.</returns>
    public static object? Value(IDictionary? bound, string name)
    {
        if (bound is null || !bound.Contains(name))
        {
            return null;
        }

        object? value = bound[name];
        return value is PSObject wrapped ? wrapped.BaseObject : value;
    }

    /// <summary>
    /// The connection parameters typed so far, so that a completion that asks OSS (upload ids, keys) goes
    /// where the command will go, with the same credentials chain.
    /// </summary>
    /// <param name="bound">The parameters typed so far.</param>
    /// <returns>The request (no retries: completion must be quick).</returns>
    public static ConnectionRequest ConnectionFrom(IDictionary? bound)
    {
        var credentials = new CredentialRequest { ProfileName = Text(bound, "ProfileName"), SecurityToken = Text(bound, "SecurityToken") };
        if (Value(bound, "Credential") is PSCredential credential)
        {
            credentials.FromCredentialParameter = true;
            credentials.AccessKeyId = credential.UserName;
            credentials.AccessKeySecret = credential.GetNetworkCredential().Password;
        }
        else
        {
            credentials.AccessKeyId = Text(bound, "AccessKeyId");
            credentials.AccessKeySecret = Text(bound, "AccessKeySecret");
        }

        int signatureVersion = int.TryParse(Text(bound, "SignatureVersion"), out int version) ? version : 0;
        return new ConnectionRequest
        {
            Endpoint = Text(bound, "Endpoint"),
            Region = Text(bound, "Region"),
            PathStyle = Value(bound, "PathStyle") is SwitchParameter pathStyle ? pathStyle.IsPresent : Value(bound, "PathStyle") is true,
            SignatureVersion = signatureVersion,
            MaxRetries = 0,
            Credentials = credentials,
        };
    }

    /// <summary>Quotes a completion that needs it (spaces, quotes, PowerShell's special characters).</summary>
    /// <param name="text">The value.</param>
    /// <returns>The text to insert.</returns>
    public static string Quote(string text)
    {
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || "'\"`$&|;,(){}@#<>".IndexOf(c) >= 0)
            {
                return Uploads.ResumeCommandText.Quote(text);
            }
        }

        return text;
    }

    /// <summary>The word being completed without the quote the user may have opened.</summary>
    /// <param name="word">PowerShell's wordToComplete.</param>
    /// <returns>The bare prefix.</returns>
    public static string Unquote(string? word) => (word ?? string.Empty).Trim('\'', '"');

    /// <summary>One result per value, in order, without duplicates.</summary>
    /// <param name="values">(completion, list item, tooltip) triples.</param>
    /// <returns>The results.</returns>
    public static IEnumerable<CompletionResult> Results(IEnumerable<(string Value, string ListItem, string ToolTip)> values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string value, string listItem, string toolTip) in values)
        {
            if (seen.Add(value))
            {
                yield return new CompletionResult(Quote(value), listItem, CompletionResultType.ParameterValue, toolTip);
            }
        }
    }

    /// <summary>The choices whose value starts with what was typed (any case), each with its tooltip.</summary>
    /// <param name="wordToComplete">What was typed, possibly quoted.</param>
    /// <param name="choices">Values and tooltips, in the order to offer them.</param>
    /// <returns>The completion results.</returns>
    public static IEnumerable<CompletionResult> StartingWith(string wordToComplete, IEnumerable<(string Value, string ToolTip)> choices)
    {
        string prefix = Unquote(wordToComplete);
        return Results(choices
            .Where(c => c.Value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(c => (c.Value, c.Value, c.ToolTip)));
    }
}
