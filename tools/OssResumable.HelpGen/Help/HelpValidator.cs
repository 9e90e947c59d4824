using System;
using System.Collections.Generic;
using System.Linq;
using OssResumable.HelpGen.Metadata;

namespace OssResumable.HelpGen.Help;

/// <summary>
/// Checks that the help markdown and the cmdlets agree: a page per cmdlet and no page without one;
/// synopsis, description and at least one example on each; every parameter described (in the page or,
/// for parameters of the shared base classes, in the common page); no description of a parameter that
/// does not exist.
/// </summary>
public static class HelpValidator
{
    /// <summary>Parameters PowerShell adds itself for SupportsShouldProcess; the generator describes them.</summary>
    public static readonly IReadOnlyList<string> ShouldProcessParameters = new[] { "WhatIf", "Confirm" };

    public static IReadOnlyList<string> Validate(IReadOnlyList<CmdletMetadata> cmdlets, IReadOnlyList<CmdletHelpDocument> pages, CmdletHelpDocument? common)
    {
        var problems = new List<string>();
        foreach (CmdletMetadata cmdlet in cmdlets)
        {
            CmdletHelpDocument? page = pages.FirstOrDefault(p => string.Equals(p.Name, cmdlet.Name, StringComparison.OrdinalIgnoreCase));
            if (page is null)
            {
                problems.Add(cmdlet.Name + ": no help page docs/cmdlets/" + cmdlet.Name + ".md");
                continue;
            }

            if (page.Synopsis.Count == 0)
            {
                problems.Add(cmdlet.Name + ": the SYNOPSIS section is empty");
            }

            if (page.Description.Count == 0)
            {
                problems.Add(cmdlet.Name + ": the DESCRIPTION section is empty");
            }

            if (page.Examples.Count == 0 || page.Examples.Any(e => e.Code.Length == 0))
            {
                problems.Add(cmdlet.Name + ": needs at least one example, each with a code block");
            }

            foreach (ParameterMetadata parameter in cmdlet.Parameters)
            {
                if (Describe(parameter.Name, page, common) is null)
                {
                    problems.Add(cmdlet.Name + ": parameter -" + parameter.Name + " is not described (in its page or, for shared parameters, in common-parameters.md)");
                }
            }

            foreach (string documented in page.Parameters.Keys)
            {
                bool exists = cmdlet.Parameters.Any(p => string.Equals(p.Name, documented, StringComparison.OrdinalIgnoreCase))
                    || (cmdlet.SupportsShouldProcess && ShouldProcessParameters.Contains(documented, StringComparer.OrdinalIgnoreCase));
                if (!exists)
                {
                    problems.Add(cmdlet.Name + ": the page describes -" + documented + ", which the cmdlet does not have");
                }
            }
        }

        foreach (CmdletHelpDocument page in pages)
        {
            if (!cmdlets.Any(c => string.Equals(c.Name, page.Name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(page.SourcePath + ": describes '" + page.Name + "', which is not a cmdlet of the assembly");
            }
        }

        return problems;
    }

    /// <summary>The description of a parameter: from the cmdlet's page, else from the common page, else null.</summary>
    public static List<string>? Describe(string parameter, CmdletHelpDocument page, CmdletHelpDocument? common)
    {
        if (page.Parameters.TryGetValue(parameter, out List<string>? own) && own.Count > 0)
        {
            return own;
        }

        if (common is not null && common.Parameters.TryGetValue(parameter, out List<string>? shared) && shared.Count > 0)
        {
            return shared;
        }

        return null;
    }
}
