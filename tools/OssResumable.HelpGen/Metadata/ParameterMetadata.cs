using System.Collections.Generic;

namespace OssResumable.HelpGen.Metadata;

/// <summary>A cmdlet parameter as declared in the assembly.</summary>
public sealed class ParameterMetadata
{
    public string Name { get; init; } = string.Empty;

    /// <summary>The declared type's full name, e.g. <c>System.String[]</c>, <c>System.Nullable`1&lt;System.TimeSpan&gt;</c>.</summary>
    public string TypeName { get; init; } = string.Empty;

    /// <summary>The class that declares the property (a base class for shared parameters).</summary>
    public string DeclaringType { get; init; } = string.Empty;

    public IReadOnlyList<ParameterSetBinding> Sets { get; init; } = new List<ParameterSetBinding>();

    public IReadOnlyList<string> Aliases { get; init; } = new List<string>();

    public bool SupportsWildcards { get; init; }

    public IReadOnlyList<string> ValidateSet { get; init; } = new List<string>();

    /// <summary>True for <c>SwitchParameter</c>.</summary>
    public bool IsSwitch => TypeName == "System.Management.Automation.SwitchParameter";

    /// <summary>The type as help shows it: <c>String[]</c>, <c>Int64</c>, <c>TimeSpan</c>...</summary>
    public string ShortTypeName
    {
        get
        {
            string name = TypeName;
            if (name.StartsWith("System.Nullable`1<", System.StringComparison.Ordinal))
            {
                name = name.Substring("System.Nullable`1<".Length).TrimEnd('>');
            }

            int dot = name.LastIndexOf('.');
            return dot >= 0 ? name.Substring(dot + 1) : name;
        }
    }
}
