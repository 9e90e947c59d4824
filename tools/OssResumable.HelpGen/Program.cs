using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OssResumable.HelpGen.Help;
using OssResumable.HelpGen.Metadata;

namespace OssResumable.HelpGen;

/// <summary>
/// <c>OssResumable.HelpGen --assembly DLL --docs DIR --about FILE.md --out DIR</c>: validates the help
/// markdown against the cmdlet assembly and writes MAML help and the about topic into DIR (en-US/).
/// Exit codes: 0 written, 1 docs and code disagree (each problem printed), 2 bad command line.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("assembly", out string? assembly) || !options.TryGetValue("docs", out string? docs)
            || !options.TryGetValue("out", out string? output))
        {
            Console.Error.WriteLine("usage: OssResumable.HelpGen --assembly OssResumable.PowerShell.dll --docs docs/cmdlets --about docs/about_OssResumable.md --out out/OssResumable/en-US");
            return 2;
        }

        IReadOnlyList<CmdletMetadata> cmdlets = CmdletAssemblyReader.Read(assembly);
        List<CmdletHelpDocument> pages = Directory.GetFiles(docs, "*-*.md").Where(f => !string.Equals(Path.GetFileName(f), "common-parameters.md", StringComparison.OrdinalIgnoreCase)).OrderBy(f => f, StringComparer.Ordinal).Select(MarkdownHelpParser.ParseFile).ToList();
        string commonPath = Path.Combine(docs, "common-parameters.md");
        CmdletHelpDocument? common = File.Exists(commonPath) ? MarkdownHelpParser.ParseFile(commonPath) : null;
        IReadOnlyList<string> problems = HelpValidator.Validate(cmdlets, pages, common);
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                Console.Error.WriteLine("help: " + problem);
            }

            return 1;
        }

        Directory.CreateDirectory(output);
        string mamlPath = Path.Combine(output, Path.GetFileName(assembly) + "-Help.xml");
        MamlWriter.Build(cmdlets, pages, common).Save(mamlPath);
        Console.WriteLine("help: " + cmdlets.Count + " cmdlets -> " + mamlPath);

        if (options.TryGetValue("about", out string? about))
        {
            string name = Path.GetFileNameWithoutExtension(about);
            string aboutPath = Path.Combine(output, name + ".help.txt");
            File.WriteAllText(aboutPath, AboutTopicWriter.Convert(File.ReadAllText(about, Encoding.UTF8)), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Console.WriteLine("help: about topic -> " + aboutPath);
        }

        return 0;
    }
}
