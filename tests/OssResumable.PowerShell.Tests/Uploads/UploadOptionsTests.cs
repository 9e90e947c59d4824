using OssResumable.PowerShell.Uploads;

namespace OssResumable.PowerShell.Tests.Uploads;

/// <summary>How -Threads and -MaxBytesPerSecond read in the plan that -WhatIf and -Verbose show.</summary>
public sealed class UploadOptionsTests
{
    [Fact]
    public void ThreadsText_FixedWithoutCap_NamesTheCountOnly()
    {
        var options = new UploadOptions { Threads = 4 };

        Assert.Equal("4 thread(s)", options.ThreadsText(partCount: 100));
    }

    [Fact]
    public void ThreadsText_AutoWithoutCap_NamesTheWideStartOnAFarLink()
    {
        var options = new UploadOptions { Threads = 256, AutoThreads = true };

        Assert.Equal("Auto threads (8 to start, up to 29 on a far link, at most 29)", options.ThreadsText(partCount: 29));
    }

    [Fact]
    public void ThreadsText_AutoWithCap_NamesTheStartWithoutAWideOneAndTheCapForTheWholeCommand()
    {
        var options = new UploadOptions { Threads = 256, AutoThreads = true, MaxBytesPerSecond = 10L * 1024 * 1024 };

        Assert.Equal(
            "Auto threads (8 to start, at most 29), at most 10 MiB/s for the whole command",
            options.ThreadsText(partCount: 29));
    }

    [Fact]
    public void CapText_NoCap_IsEmpty()
    {
        Assert.Equal(string.Empty, new UploadOptions().CapText());
    }

    [Fact]
    public void CapText_SizeThatIsNotWholeMebibytes_ReadsAsPowerShellSizes()
    {
        var options = new UploadOptions { MaxBytesPerSecond = 1536 * 1024 };

        Assert.Equal(", at most 1.5 MiB/s for the whole command", options.CapText());
    }
}
