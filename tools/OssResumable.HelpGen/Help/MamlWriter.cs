using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using OssResumable.HelpGen.Metadata;

namespace OssResumable.HelpGen.Help;

/// <summary>Writes MAML command help (what Get-Help reads for binary cmdlets) from metadata plus markdown.</summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Build(IReadOnlyList<CmdletMetadata> cmdlets, IReadOnlyList<CmdletHelpDocument> pages, CmdletHelpDocument? common)
    {
        var root = new XElement(
            Msh + "helpItems",
            new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev));
        foreach (CmdletMetadata cmdlet in cmdlets)
        {
            CmdletHelpDocument page = pages.First(p => string.Equals(p.Name, cmdlet.Name, StringComparison.OrdinalIgnoreCase));
            root.Add(BuildCommand(cmdlet, page, common));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    private static XElement BuildCommand(CmdletMetadata cmdlet, CmdletHelpDocument page, CmdletHelpDocument? common)
    {
        List<ParameterMetadata> parameters = WithShouldProcess(cmdlet);
        return new XElement(
            Command + "command",
            new XElement(
                Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(page.Synopsis)),
            Description(page.Description),
            new XElement(Command + "syntax", cmdlet.ParameterSetNames.Select(set => SyntaxItem(cmdlet, parameters, set, page, common))),
            new XElement(Command + "parameters", parameters.Select(p => Parameter(cmdlet, p, null, page, common))),
            new XElement(Command + "inputTypes", page.Inputs.Select(i => TypeEntry(Command + "inputType", i))),
            new XElement(Command + "returnValues", page.Outputs.Select(o => TypeEntry(Command + "returnValue", o))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(page.Notes))),
            new XElement(
                Command + "examples",
                page.Examples.Select((e, i) => new XElement(
                    Command + "example",
                    new XElement(Maml + "title", "-------------------------- " + e.Title + " --------------------------"),
                    new XElement(Dev + "code", e.Code),
                    new XElement(Dev + "remarks", Paras(e.Remarks))))),
            new XElement(
                Command + "relatedLinks",
                page.RelatedLinks.Select(l => new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", l), new XElement(Maml + "uri")))));
    }

    private static List<ParameterMetadata> WithShouldProcess(CmdletMetadata cmdlet)
    {
        var parameters = cmdlet.Parameters.ToList();
        if (cmdlet.SupportsShouldProcess)
        {
            foreach (string name in HelpValidator.ShouldProcessParameters)
            {
                parameters.Add(new ParameterMetadata
                {
                    Name = name,
                    TypeName = "System.Management.Automation.SwitchParameter",
                    Aliases = name == "WhatIf" ? new[] { "wi" } : new[] { "cf" },
                    Sets = new[] { new ParameterSetBinding() },
                });
            }
        }

        return parameters;
    }

    private static XElement SyntaxItem(CmdletMetadata cmdlet, List<ParameterMetadata> parameters, string set, CmdletHelpDocument page, CmdletHelpDocument? common)
    {
        IEnumerable<(ParameterMetadata Parameter, ParameterSetBinding Binding)> inSet = parameters
            .Select(p => (Parameter: p, Binding: CmdletMetadata.BindingIn(p, set)))
            .Where(x => x.Binding is not null)
            .Select(x => (x.Parameter, x.Binding!))
            .OrderBy(x => x.Item2.Position ?? int.MaxValue)
            .ThenBy(x => x.Item2.Mandatory ? 0 : 1);
        return new XElement(
            Command + "syntaxItem",
            new XElement(Maml + "name", cmdlet.Name),
            inSet.Select(x => Parameter(cmdlet, x.Parameter, x.Binding, page, common)));
    }

    private static XElement Parameter(CmdletMetadata cmdlet, ParameterMetadata parameter, ParameterSetBinding? binding, CmdletHelpDocument page, CmdletHelpDocument? common)
    {
        IReadOnlyList<ParameterSetBinding> bindings = binding is null ? parameter.Sets : new[] { binding };
        bool required = bindings.Count > 0 && bindings.All(b => b.Mandatory);
        int? position = bindings.Select(b => b.Position).FirstOrDefault(p => p is not null);
        bool byValue = bindings.Any(b => b.ValueFromPipeline);
        bool byName = bindings.Any(b => b.ValueFromPipelineByPropertyName);
        string pipeline = byValue || byName
            ? "True (" + string.Join(", ", new[] { byValue ? "ByValue" : null, byName ? "ByPropertyName" : null }.Where(s => s is not null)) + ")"
            : "False";
        List<string> description = HelpValidator.Describe(parameter.Name, page, common) ?? DefaultDescription(parameter.Name);
        if (parameter.ValidateSet.Count > 0)
        {
            description = description.Concat(new[] { "Accepted values: " + string.Join(", ", parameter.ValidateSet) + "." }).ToList();
        }

        var element = new XElement(
            Command + "parameter",
            new XAttribute("required", required ? "true" : "false"),
            new XAttribute("variableLength", parameter.TypeName.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", parameter.SupportsWildcards ? "true" : "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", position is int p ? p.ToString(CultureInfo.InvariantCulture) : "named"),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(description));
        if (!parameter.IsSwitch || binding is null)
        {
            element.Add(new XElement(
                Command + "parameterValue",
                new XAttribute("required", parameter.IsSwitch ? "false" : "true"),
                new XAttribute("variableLength", "false"),
                parameter.ShortTypeName));
        }

        if (parameter.ValidateSet.Count > 0 && binding is not null)
        {
            element.Add(new XElement(Command + "parameterValueGroup", parameter.ValidateSet.Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        }

        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", parameter.TypeName), new XElement(Maml + "uri")));
        element.Add(new XElement(Dev + "defaultValue", DefaultValue(parameter, description)));
        _ = cmdlet;
        return element;
    }

    // "Default value" of Get-Help: the page's "Default: X." paragraph (the code's initialisers cannot be read
    // from metadata), False for a switch, else None (the parameter has no default: it is required or optional
    // without one).
    private static string DefaultValue(ParameterMetadata parameter, List<string> description)
    {
        foreach (string paragraph in description)
        {
            System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(paragraph.Trim(), @"^Default: (.+?)\.?$");
            if (match.Success)
            {
                return match.Groups[1].Value;
            }
        }

        return parameter.IsSwitch ? "False" : "None";
    }

    private static List<string> DefaultDescription(string name) => name switch
    {
        "WhatIf" => new List<string> { "Shows what would happen if the cmdlet runs. The cmdlet is not run." },
        "Confirm" => new List<string> { "Prompts you for confirmation before running the cmdlet." },
        _ => new List<string>(),
    };

    private static XElement TypeEntry(XName name, KeyValuePair<string, List<string>> entry) =>
        new(name, new XElement(Dev + "type", new XElement(Maml + "name", entry.Key), new XElement(Maml + "uri")), Description(entry.Value));

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paras(paragraphs));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));
}
