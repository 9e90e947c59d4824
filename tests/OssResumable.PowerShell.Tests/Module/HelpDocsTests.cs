using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using OssResumable.HelpGen.Help;
using OssResumable.HelpGen.Metadata;
using OssResumable.PowerShell.Tests.Fakes;

namespace OssResumable.PowerShell.Tests.Module;

/// <summary>The help markdown in docs/ against the built cmdlets: what the build's help generator enforces, checked on every test run.</summary>
public class HelpDocsTests
{
    private static readonly string Docs = Path.Combine(TestPaths.RepositoryRoot, "docs", "cmdlets");

    private static readonly IReadOnlyList<CmdletMetadata> Cmdlets = CmdletAssemblyReader.Read(TestPaths.CmdletAssembly);

    private static readonly List<CmdletHelpDocument> Pages = Directory.GetFiles(Docs, "*-*.md")
        .Where(f => Path.GetFileName(f) != "common-parameters.md")
        .Select(MarkdownHelpParser.ParseFile)
        .ToList();

    private static readonly CmdletHelpDocument Common = MarkdownHelpParser.ParseFile(Path.Combine(Docs, "common-parameters.md"));

    [Fact]
    public void Docs_DescribeEveryCmdletAndParameter_AndNothingThatDoesNotExist()
    {
        Assert.Empty(HelpValidator.Validate(Cmdlets, Pages, Common));
    }

    [Fact]
    public void Validator_ReportsAMissingParameterDescription()
    {
        CmdletHelpDocument page = MarkdownHelpParser.Parse("# Get-OssUploadPart\n## SYNOPSIS\ns\n## DESCRIPTION\nd\n## EXAMPLES\n### Example 1\n```powershell\nGet-OssUploadPart\n```\n## PARAMETERS\n### -Bucket\nb\n### -Nonexistent\nn\n");

        IReadOnlyList<string> problems = HelpValidator.Validate(Cmdlets.Where(c => c.Name == "Get-OssUploadPart").ToList(), new[] { page }, null);

        Assert.Contains(problems, p => p.Contains("-Key is not described", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("-Nonexistent, which the cmdlet does not have", StringComparison.Ordinal));
    }

    [Fact]
    public void Examples_CoverThePipelineResumeAfterACrashCleanupAndAScheduledTask()
    {
        List<HelpExample> examples = Pages.SelectMany(p => p.Examples).ToList();

        Assert.Contains(examples, e => e.Code.Contains("Get-ChildItem", StringComparison.Ordinal) && e.Code.Contains("| Send-OssFile", StringComparison.Ordinal));
        Assert.Contains(examples, e => e.Title.Contains("crash", StringComparison.OrdinalIgnoreCase) && e.Code.Contains("Resume-OssUpload", StringComparison.Ordinal));
        Assert.Contains(examples, e => e.Code.Contains("-OlderThan", StringComparison.Ordinal) && e.Code.Contains("Stop-OssUpload", StringComparison.Ordinal));
        Assert.Contains(examples, e => e.Code.Contains("Register-ScheduledTask", StringComparison.Ordinal));
    }

    [Fact]
    public void Maml_HasACommandPerCmdletWithSyntaxForEveryParameterSet()
    {
        XDocument maml = MamlWriter.Build(Cmdlets, Pages, Common);
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        XNamespace maml2 = "http://schemas.microsoft.com/maml/2004/10";

        List<XElement> commands = maml.Root!.Elements(command + "command").ToList();
        Assert.Equal(Cmdlets.Count, commands.Count);
        foreach (CmdletMetadata cmdlet in Cmdlets)
        {
            XElement element = commands.Single(c => c.Element(command + "details")!.Element(command + "name")!.Value == cmdlet.Name);
            Assert.Equal(cmdlet.ParameterSetNames.Count, element.Element(command + "syntax")!.Elements(command + "syntaxItem").Count());
            List<string> described = element.Element(command + "parameters")!.Elements(command + "parameter").Select(p => p.Element(maml2 + "name")!.Value).ToList();
            Assert.All(cmdlet.Parameters, p => Assert.Contains(p.Name, described));
            Assert.All(
                element.Element(command + "parameters")!.Elements(command + "parameter"),
                p => Assert.False(string.IsNullOrWhiteSpace(p.Element(maml2 + "description")!.Value), cmdlet.Name + " -" + p.Element(maml2 + "name")!.Value));
        }

        XElement literal = commands.Single(c => c.Element(command + "details")!.Element(command + "name")!.Value == "Send-OssFile")
            .Element(command + "parameters")!.Elements(command + "parameter").Single(p => p.Element(maml2 + "name")!.Value == "LiteralPath");
        Assert.Equal("True (ByPropertyName)", literal.Attribute("pipelineInput")!.Value);
        Assert.Equal("PSPath, FullName, LP", literal.Attribute("aliases")!.Value);
    }

    [Fact]
    public void AboutTopic_ConvertsToIndentedPlainText()
    {
        string text = AboutTopicWriter.Convert(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "about_OssResumable.md")));

        Assert.StartsWith("TOPIC\n    about_OssResumable\n", text, StringComparison.Ordinal);
        Assert.Contains("\nSHORT DESCRIPTION\n", text, StringComparison.Ordinal);
        Assert.Contains("\nCREDENTIALS\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("```", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`", text, StringComparison.Ordinal);
    }
}
