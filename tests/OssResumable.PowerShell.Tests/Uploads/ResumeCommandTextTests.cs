
using OssResumable.PowerShell.Uploads;

namespace OssResumable.PowerShell.Tests.Uploads;

public class ResumeCommandTextTests
{
    [Fact]
    public void FromCheckpoint_QuotesThePathAndRepeatsConnectionParameters()
    {
        string command = new ResumeCommandText()
            .WithConnection("Endpoint", "http://127.0.0.1:9000")
            .WithConnection("Region", "cn-hangzhou")
            .WithConnection("ProfileName", null)
            .WithSwitch("PathStyle", true)
            .FromCheckpoint("/state/it's here/a.checkpoint.json");

        Assert.Equal(
            "Resume-OssUpload -CheckpointPath '/state/it''s here/a.checkpoint.json' -Endpoint 'http://127.0.0.1:9000' -Region 'cn-hangzhou' -PathStyle",
            command);
    }

    [Fact]
    public void FromUploadId_NamesEveryRequiredParameter()
    {
        string command = new ResumeCommandText().FromUploadId("b", "dir/k", "UP1", @"C:\data\f.bin");

        Assert.Equal(@"Resume-OssUpload -Bucket 'b' -Key 'dir/k' -UploadId 'UP1' -LiteralPath 'C:\data\f.bin'", command);
    }

    [Fact]
    public void Quote_TypographicQuotes_AreDoubledToo()
    {
        Assert.Equal("'a\u2019\u2019b'", ResumeCommandText.Quote("a\u2019b"));
        Assert.Equal("'$env:x `n'", ResumeCommandText.Quote("$env:x `n"));
    }
}
