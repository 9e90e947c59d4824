namespace OssResumable.HelpGen.Metadata;

/// <summary>One <c>[Parameter]</c> attribute of a cmdlet parameter: how it binds in one parameter set.</summary>
public sealed class ParameterSetBinding
{
    /// <summary>The name PowerShell uses for "every parameter set".</summary>
    public const string AllSets = "__AllParameterSets";

    public string SetName { get; init; } = AllSets;

    public bool Mandatory { get; init; }

    /// <summary>The position, or null for a named parameter.</summary>
    public int? Position { get; init; }

    public bool ValueFromPipeline { get; init; }

    public bool ValueFromPipelineByPropertyName { get; init; }
}
