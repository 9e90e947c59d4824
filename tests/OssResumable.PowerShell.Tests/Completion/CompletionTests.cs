using System;
using System.IO;
using System.Linq;
using OssResumable.PowerShell.Completion;

namespace OssResumable.PowerShell.Tests.Completion;

/// <summary>
/// The completers' logic that needs no PowerShell (this project has no System.Management.Automation); the
/// completers themselves are tested through TabExpansion2 in tests/Completion.Tests.ps1.
/// </summary>
public sealed class CompletionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oss-complete-" + Guid.NewGuid().ToString("N"));

    public CompletionTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "cp"));
        File.WriteAllText(Path.Combine(_folder, "cp", "a.bin.0123.checkpoint.json"), "{}");
        File.WriteAllText(Path.Combine(_folder, "cp", "b.bin.4567.checkpoint.json"), "{}");
        File.WriteAllText(Path.Combine(_folder, "cp", "notes.txt"), "x");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Candidates_TypedFolderRelativeToTheLocation_ListsOnlyItsCheckpointFiles()
    {
        string[] found = CheckpointPathCompleter.Candidates("cp/", _folder).ToArray();

        Assert.Equal(new[] { "a.bin.0123.checkpoint.json", "b.bin.4567.checkpoint.json" }, found.Select(Path.GetFileName));
        Assert.All(found, f => Assert.True(Path.IsPathRooted(f)));
    }

    [Fact]
    public void Candidates_NamePrefix_FiltersCaseInsensitively()
    {
        Assert.Equal("b.bin.4567.checkpoint.json", Path.GetFileName(Assert.Single(CheckpointPathCompleter.Candidates("cp/B", _folder))));
    }

    [Fact]
    public void Candidates_MissingFolder_NothingAndNoError()
    {
        Assert.Empty(CheckpointPathCompleter.Candidates("no-such-folder/", _folder));
    }

    [Theory]
    [InlineData("/data/a.checkpoint.json", "/data/a.checkpoint.json")]
    [InlineData("/my data/a.json", "'/my data/a.json'")]
    [InlineData("/data/it's", "'/data/it''s'")]
    public void Quote_OnlyWhenNeeded(string value, string expected)
    {
        Assert.Equal(expected, CompletionValues.Quote(value));
    }
}
