using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OssResumable.Core.Checkpoints;

namespace OssResumable.PowerShell.Completion;

/// <summary>
/// Completes <c>-CheckpointPath</c> with checkpoint files (<c>*.checkpoint.json</c>): those in the folder the
/// typed text names (relative to PowerShell's current location), and, while no folder is typed, those in the
/// default checkpoint folder, where Send-OssFile keeps them unless told otherwise. The tooltip says which
/// upload each one is and how far it got.
/// </summary>
internal sealed class CheckpointPathCompleter : IArgumentCompleter
{
    private const string Pattern = "*" + CheckpointFormat.FileExtension;

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string word = CompletionValues.Unquote(wordToComplete);
        return CompletionValues.Results(Candidates(word, CurrentLocation()).Select(path => (path, Path.GetFileName(path), Describe(path))));
    }

    /// <summary>The checkpoint files a typed word can complete to, full paths, in order.</summary>
    /// <param name="word">The typed text (a path prefix, possibly relative, or a file name prefix).</param>
    /// <param name="currentLocation">PowerShell's current file-system location.</param>
    /// <returns>Absolute paths.</returns>
    internal static IEnumerable<string> Candidates(string word, string currentLocation)
    {
        string typedFolder = Path.GetDirectoryName(word) ?? string.Empty;
        string namePrefix = Path.GetFileName(word);
        var folders = new List<string> { Path.GetFullPath(Path.Combine(currentLocation, typedFolder)) };
        if (typedFolder.Length == 0)
        {
            folders.Add(CheckpointDirectory.GetDefault());
        }

        foreach (string folder in folders.Distinct(StringComparer.Ordinal))
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(folder, Pattern).OrderBy(f => f, StringComparer.Ordinal))
            {
                if (Path.GetFileName(file).StartsWith(namePrefix, StringComparison.OrdinalIgnoreCase))
                {
                    yield return file;
                }
            }
        }
    }

    private static string Describe(string path)
    {
        try
        {
            UploadCheckpoint checkpoint = CheckpointFile.Open(path).Checkpoint;
            return checkpoint.Source.FullPath + " -> " + checkpoint.Destination + " (" + checkpoint.CompletedPartCount + " of " + checkpoint.PartCount + " parts done)";
        }
        catch (CheckpointException ex)
        {
            return path + ": " + ex.Message;
        }
    }

    private static string CurrentLocation()
    {
        // Completers run on the pipeline thread of the session that asked: its current location, not the
        // process's (the runspace is busy, so its SessionStateProxy is not available; a script block runs
        // in the session itself).
        try
        {
            foreach (PSObject location in ScriptBlock.Create("(Get-Location -PSProvider FileSystem).ProviderPath").Invoke())
            {
                if (location?.BaseObject is string path && path.Length > 0)
                {
                    return path;
                }
            }
        }
        catch (RuntimeException)
        {
        }

        return Environment.CurrentDirectory;
    }
}
