using System;
using System.Text;

namespace OssResumable.HelpGen.Help;

/// <summary>
/// Turns docs/about_NAME.md into the plain-text about topic Get-Help shows
/// (<c>about_NAME.help.txt</c>): <c>## HEADING</c> lines become upper-case headings, text is indented
/// four spaces, code blocks eight, markdown markup is removed.
/// </summary>
public static class AboutTopicWriter
{
    public static string Convert(string markdown)
    {
        var output = new StringBuilder();
        bool inCode = false;
        foreach (string rawLine in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            string line = rawLine.TrimEnd();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode)
            {
                output.Append("        ").Append(line).Append('\n');
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                output.Append("TOPIC\n    ").Append(line.Substring(2).Trim()).Append('\n');
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (output.Length > 1 && !(output[output.Length - 1] == '\n' && output[output.Length - 2] == '\n'))
                {
                    output.Append('\n');
                }

                output.Append(line.TrimStart('#').Trim().ToUpperInvariant()).Append('\n');
            }
            else if (line.Length == 0)
            {
                output.Append('\n');
            }
            else
            {
                output.Append("    ").Append(MarkdownHelpParser.Plain(line)).Append('\n');
            }
        }

        // Get-Help reads about topics with the system code page on Windows PowerShell 5.1 unless there is a BOM;
        // the writer adds one, and the text stays ASCII-friendly.
        return output.ToString().TrimEnd('\n') + "\n";
    }
}
