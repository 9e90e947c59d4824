using System.Collections.Generic;

namespace OssResumable.HelpGen.Help;

/// <summary>An example: a title, the code, and remarks.</summary>
public sealed class HelpExample
{
    public string Title { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;

    public List<string> Remarks { get; } = new();
}
