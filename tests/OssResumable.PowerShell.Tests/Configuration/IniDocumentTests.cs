using OssResumable.PowerShell.Configuration;

namespace OssResumable.PowerShell.Tests.Configuration;

public class IniDocumentTests
{
    [Fact]
    public void Parse_KeysInAnySpelling_AreOneKey()
    {
        IniDocument document = IniDocument.Parse("[Profile X]\r\naccess-key-id = a\r\n");

        Assert.Equal("a", document.Get("profile x", "accessKeyId"));
        Assert.Equal("a", document.Get("PROFILE X", "access_key_id"));
    }

    [Fact]
    public void Parse_CommentsQuotesAndBom_AreHandled()
    {
        IniDocument document = IniDocument.Parse("\uFEFF# top\n[s]\n; note\nk = \"quoted value\"\nempty =\n");

        Assert.Equal("quoted value", document.Get("s", "k"));
        Assert.Null(document.Get("s", "empty"));
        Assert.Null(document.Get("missing", "k"));
    }

    [Fact]
    public void Get_FirstNonEmptyOfSeveralNames_Wins()
    {
        IniDocument document = IniDocument.Parse("[s]\naccess_id = old\n");

        Assert.Equal("old", document.Get("s", "accessKeyId", "accessId"));
    }
}
