using System.Collections.Generic;

namespace OssResumable.HelpGen.Help;

/// <summary>One cmdlet's help as written in docs/cmdlets/NAME.md.</summary>
public sealed class CmdletHelpDocument
{
    public string Name { get; set; } = string.Empty;

    public string SourcePath { get; set; } = string.Empty;

    public List<string> Synopsis { get; } = new();

    public List<string> Description { get; } = new();

    public List<HelpExample> Examples { get; } = new();

    /// <summary>Parameter name (without the dash) → paragraphs.</summary>
    public Dictionary<string, List<string>> Parameters { get; } = new(System.StringComparer.OrdinalIgnoreCase);

    /// <summary>Type name → paragraphs.</summary>
    public List<KeyValuePair<string, List<string>>> Inputs { get; } = new();

    /// <summary>Type name → paragraphs.</summary>
    public List<KeyValuePair<string, List<string>>> Outputs { get; } = new();

    public List<string> Notes { get; } = new();

    public List<string> RelatedLinks { get; } = new();
}
