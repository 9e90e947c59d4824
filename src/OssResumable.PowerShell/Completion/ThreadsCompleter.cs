using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OssResumable.PowerShell.Completion;

/// <summary>Completes <c>-Threads</c> with <c>Auto</c> and a few counts (any count from 1 to 256 is accepted).</summary>
internal sealed class ThreadsCompleter : IArgumentCompleter
{
    private static readonly (string Value, string ToolTip)[] Choices =
    {
        ("Auto", "Auto (the default): start at 8 parts in flight (a big file on a far link: up to 128) and add more while throughput rises (at most 256)"),
        ("1", "1 part at a time"),
        ("4", "4 parts in flight"),
        ("8", "8 parts in flight"),
        ("16", "16 parts in flight"),
        ("32", "32 parts in flight"),
        ("64", "64 parts in flight"),
        ("128", "128 parts in flight"),
        ("256", "256 parts in flight (the most)"),
    };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        return CompletionValues.StartingWith(wordToComplete, Choices);
    }
}
