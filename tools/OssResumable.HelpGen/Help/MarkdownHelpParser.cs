using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace OssResumable.HelpGen.Help;

/// <summary>
/// Reads the help markdown of docs/cmdlets (a platyPS-like layout): <c># Name</c>, then <c>##</c>
/// sections SYNOPSIS, DESCRIPTION, EXAMPLES (<c>### title</c>, a fenced code block, remarks),
/// PARAMETERS (<c>### -Name</c>, paragraphs), INPUTS/OUTPUTS (<c>### Type</c>), NOTES, RELATED LINKS.
/// Paragraphs are separated by blank lines; markdown markup is reduced to plain text for MAML.
/// </summary>
public static class MarkdownHelpParser
{
    public static CmdletHelpDocument ParseFile(string path)
    {
        CmdletHelpDocument document = Parse(File.ReadAllText(path, Encoding.UTF8));
        document.SourcePath = path;
        return document;
    }

    public static CmdletHelpDocument Parse(string markdown)
    {
        var document = new CmdletHelpDocument();
        string section = string.Empty;
        string? sub = null;
        HelpExample? example = null;
        List<string>? target = null;
        var paragraph = new StringBuilder();
        StringBuilder? code = null;

        void Flush()
        {
            if (paragraph.Length > 0 && target is not null)
            {
                target.Add(Plain(paragraph.ToString()));
            }

            paragraph.Clear();
        }

        foreach (string rawLine in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            string line = rawLine.TrimEnd();
            if (code is not null)
            {
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    if (example is not null)
                    {
                        example.Code = code.ToString().TrimEnd('\n');
                    }
                    else
                    {
                        target?.Add(code.ToString().TrimEnd('\n'));
                    }

                    code = null;
                }
                else
                {
                    code.Append(rawLine).Append('\n');
                }

                continue;
            }

            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                code = new StringBuilder();
                continue;
            }

            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                Flush();
                document.Name = line.Substring(2).Trim();
                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                section = line.Substring(3).Trim().ToUpperInvariant();
                sub = null;
                example = null;
                target = section switch
                {
                    "SYNOPSIS" => document.Synopsis,
                    "DESCRIPTION" => document.Description,
                    "NOTES" => document.Notes,
                    "RELATED LINKS" => document.RelatedLinks,
                    _ => null,
                };
                continue;
            }

            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                Flush();
                sub = line.Substring(4).Trim();
                example = null;
                switch (section)
                {
                    case "EXAMPLES":
                        example = new HelpExample { Title = sub };
                        document.Examples.Add(example);
                        target = example.Remarks;
                        break;
                    case "PARAMETERS":
                        target = new List<string>();
                        document.Parameters[sub.TrimStart('-')] = target;
                        break;
                    case "INPUTS":
                        target = new List<string>();
                        document.Inputs.Add(new KeyValuePair<string, List<string>>(sub, target));
                        break;
                    case "OUTPUTS":
                        target = new List<string>();
                        document.Outputs.Add(new KeyValuePair<string, List<string>>(sub, target));
                        break;
                    default:
                        target = null;
                        break;
                }

                continue;
            }

            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (section == "RELATED LINKS" && line.StartsWith("- ", StringComparison.Ordinal))
            {
                Flush();
                document.RelatedLinks.Add(Plain(line.Substring(2)));
                continue;
            }

            if (paragraph.Length > 0)
            {
                // Keep list items on their own lines; join wrapped prose.
                paragraph.Append(line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal) ? "\n" : " ");
            }

            paragraph.Append(line.Trim());
        }

        Flush();
        return document;
    }

    /// <summary>Markdown inline markup to plain text: links to their text, no backticks or emphasis.</summary>
    public static string Plain(string text)
    {
        string result = Regex.Replace(text, @"\[([^\]]+)\]\([^)]*\)", "$1");
        result = result.Replace("`", string.Empty, StringComparison.Ordinal);
        result = Regex.Replace(result, @"(\*\*|__)(.+?)\1", "$2");
        return result;
    }
}
