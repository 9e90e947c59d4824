using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace OssResumable.Core.Tests;

/// <summary>
/// Keeps the "Follow one upload" section of docs/ARCHITECTURE.md true: every hop names a file that
/// exists and a type and methods declared in it, and the path stays within the 8 hops issue 10 set.
/// </summary>
public class ArchitectureDocumentTests
{
    private const int MaxHops = 8;

    [Fact]
    public void FollowOneUpload_Hops_NumberedFromOneToAtMostEight()
    {
        IReadOnlyList<Hop> hops = ReadHops();

        Assert.Equal(Enumerable.Range(1, hops.Count), hops.Select(h => h.Number));
        Assert.InRange(hops.Count, 1, MaxHops);
    }

    [Fact]
    public void FollowOneUpload_EveryHopAndTheStart_NameMethodsDeclaredInTheirFiles()
    {
        var failures = new List<string>();
        foreach (Hop hop in ReadHops().Append(ReadStart()))
        {
            Assert.NotEmpty(hop.Files);
            Assert.NotEmpty(hop.Types);
            string source = string.Concat(hop.Files.Select(file =>
            {
                string path = Path.Combine(RepositoryRoot(), file);
                Assert.True(File.Exists(path), "Hop " + hop.Number + " names " + file + ", which does not exist.");
                return File.ReadAllText(path);
            }));

            failures.AddRange(hop.Types
                .Where(type => !Regex.IsMatch(source, @"\b(class|interface)\s+" + type + @"\b"))
                .Select(type => "hop " + hop.Number + ": no type " + type + " in " + string.Join(", ", hop.Files)));
            failures.AddRange(hop.Methods
                .Where(method => !Regex.IsMatch(source, @"\b(public|private|internal|protected)\b[^;=\n]*\b" + method + @"(<[^>\n]*>)?\(", RegexOptions.Multiline))
                .Select(method => "hop " + hop.Number + ": no method " + method + " declared in " + string.Join(", ", hop.Files)));
        }

        Assert.True(failures.Count == 0, "docs/ARCHITECTURE.md, Follow one upload: " + string.Join("; ", failures));
    }

    private static IReadOnlyList<Hop> ReadHops()
    {
        string section = ReadSection();
        var hops = new List<Hop>();
        foreach (Match row in Regex.Matches(section, @"^\| (\d+) \| (.+?) \| .+ \|\s*$", RegexOptions.Multiline))
        {
            hops.Add(Hop.Parse(int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), row.Groups[2].Value));
        }

        Assert.NotEmpty(hops);
        return hops;
    }

    private static Hop ReadStart()
    {
        Match start = Regex.Match(ReadSection(), @"^\*\*Start:(.+?)\*\* \((`[^)]+`)\)", RegexOptions.Multiline);
        Assert.True(start.Success, "the section has no **Start: ...** line");
        return Hop.Parse(0, start.Groups[1].Value + " (" + start.Groups[2].Value + ")");
    }

    private static string ReadSection()
    {
        string document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "ARCHITECTURE.md"));
        Match section = Regex.Match(document, @"^## Follow one upload\r?\n(.*?)(^## |\z)", RegexOptions.Singleline | RegexOptions.Multiline);
        Assert.True(section.Success, "docs/ARCHITECTURE.md has no 'Follow one upload' section");
        return section.Groups[1].Value;
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "docs", "ARCHITECTURE.md")))
            {
                return directory.FullName;
            }
        }

        throw new FileNotFoundException("docs/ARCHITECTURE.md not found above the test directory.");
    }

    /// <summary>One line of the table: `Type.Method` → `Method`... (`src/...cs`).</summary>
    private sealed record Hop(int Number, IReadOnlyList<string> Types, IReadOnlyList<string> Methods, IReadOnlyList<string> Files)
    {
        public static Hop Parse(int number, string cell)
        {
            MatchCollection qualified = Regex.Matches(cell, @"`([A-Z]\w+)\.([A-Z]\w+)`");
            IEnumerable<string> chained = Regex.Matches(cell, @"→ `([A-Z]\w+)`").Select(m => m.Groups[1].Value);
            return new Hop(
                number,
                qualified.Select(m => m.Groups[1].Value).Distinct().ToList(),
                qualified.Select(m => m.Groups[2].Value).Concat(chained).Distinct().ToList(),
                Regex.Matches(cell, @"`(src/[^`]+\.cs)`").Select(m => m.Groups[1].Value).ToList());
        }
    }
}
