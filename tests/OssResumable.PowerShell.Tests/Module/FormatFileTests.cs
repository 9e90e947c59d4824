using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OssResumable.PowerShell.Tests.Fakes;

namespace OssResumable.PowerShell.Tests.Module;

/// <summary>
/// The format file against the output types (no PowerShell here to load it): every view selects a type
/// that exists, every column has an item, every property exists, and the script blocks use only Windows
/// PowerShell 5.1 syntax (the file ships to both editions).
/// </summary>
public class FormatFileTests
{
    private static readonly XDocument Format = XDocument.Load(Path.Combine(TestPaths.RepositoryRoot, "src", "OssResumable.PowerShell", "OssResumable.format.ps1xml"));

    private static readonly Assembly Cmdlets = typeof(OssMultipartUpload).Assembly;

    [Fact]
    public void Views_SelectPublicOutputTypes_WithOneItemPerColumn()
    {
        List<XElement> views = Format.Descendants("View").ToList();

        Assert.Equal(4, views.Count);
        foreach (XElement view in views)
        {
            string typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
            Type? type = Cmdlets.GetType(typeName);
            Assert.True(type is not null && type.IsPublic, typeName + " is not a public type of the cmdlet assembly");

            XElement table = view.Element("TableControl")!;
            int headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").Count();
            foreach (XElement row in table.Descendants("TableRowEntry"))
            {
                Assert.Equal(headers, row.Element("TableColumnItems")!.Elements("TableColumnItem").Count());
            }

            foreach (string property in view.Descendants("PropertyName").Select(p => p.Value))
            {
                Assert.True(type!.GetProperty(property) is not null, typeName + " has no property " + property);
            }

            foreach (string used in view.Descendants("ScriptBlock").SelectMany(s => Regex.Matches(s.Value, @"\$_\.(\w+)").Select(m => m.Groups[1].Value)))
            {
                Assert.True(type!.GetProperty(used) is not null, typeName + " has no property " + used + " (used by a script block)");
            }
        }
    }

    [Fact]
    public void ScriptBlocks_UseNoPowerShell7OnlySyntax()
    {
        // ?? ??= ?. ?[ (null operators), && || (pipeline chains) and "cond ? a : b" (ternary) are PowerShell 7 only.
        var sevenOnly = new Regex(@"\?\?|\?\.|\?\[|&&|\|\||\s\?\s");

        foreach (string script in Format.Descendants("ScriptBlock").Select(s => s.Value))
        {
            Assert.DoesNotMatch(sevenOnly, script);
        }
    }

    [Fact]
    public void Durations_KeepTheirDays_AndTimesStayLocal()
    {
        List<string> scripts = Format.Descendants("ScriptBlock").Select(s => s.Value).ToList();

        // A 500 GB upload can take more than a day: TimeSpan's hh would drop the days.
        string duration = Assert.Single(scripts, s => s.Contains("$_.Duration", StringComparison.Ordinal));
        Assert.Contains("TotalHours", duration, StringComparison.Ordinal);
        Assert.DoesNotContain(scripts, s => s.Contains("ToUniversalTime", StringComparison.Ordinal));
    }
}
