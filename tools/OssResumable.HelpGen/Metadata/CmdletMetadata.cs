using System.Collections.Generic;

namespace OssResumable.HelpGen.Metadata;

/// <summary>A cmdlet class as declared in the assembly (read with System.Reflection.Metadata, no PowerShell needed).</summary>
public sealed class CmdletMetadata
{
    public string ClassName { get; init; } = string.Empty;

    public string Verb { get; init; } = string.Empty;

    public string Noun { get; init; } = string.Empty;

    public string Name => Verb + "-" + Noun;

    public string? DefaultParameterSetName { get; init; }

    public bool SupportsShouldProcess { get; init; }

    /// <summary>The ConfirmImpact value (0 None, 1 Low, 2 Medium, 3 High), or null when not set.</summary>
    public int? ConfirmImpact { get; init; }

    /// <summary>Full names of the types in <c>[OutputType]</c>.</summary>
    public IReadOnlyList<string> OutputTypes { get; init; } = new List<string>();

    public IReadOnlyList<ParameterMetadata> Parameters { get; init; } = new List<ParameterMetadata>();

    /// <summary>Names of every parameter set (the default set when there is none).</summary>
    public IReadOnlyList<string> ParameterSetNames
    {
        get
        {
            var names = new List<string>();
            foreach (ParameterMetadata parameter in Parameters)
            {
                foreach (ParameterSetBinding set in parameter.Sets)
                {
                    if (set.SetName != ParameterSetBinding.AllSets && !names.Contains(set.SetName))
                    {
                        names.Add(set.SetName);
                    }
                }
            }

            if (names.Count == 0)
            {
                names.Add(DefaultParameterSetName ?? ParameterSetBinding.AllSets);
            }

            return names;
        }
    }

    /// <summary>The binding of a parameter in a set, or null when it is not in that set.</summary>
    public static ParameterSetBinding? BindingIn(ParameterMetadata parameter, string setName)
    {
        foreach (ParameterSetBinding set in parameter.Sets)
        {
            if (set.SetName == setName)
            {
                return set;
            }
        }

        foreach (ParameterSetBinding set in parameter.Sets)
        {
            if (set.SetName == ParameterSetBinding.AllSets)
            {
                return set;
            }
        }

        return null;
    }
}
