
using OssResumable.PowerShell.Parameters;

namespace OssResumable.PowerShell.Tests.Parameters;

public class ContentTypesTests
{
    [Theory]
    [InlineData("a.ISO", "application/x-iso9660-image")]
    [InlineData("photo.JPG", "image/jpeg")]
    [InlineData("/x/y/report.pdf", "application/pdf")]
    [InlineData("dump.tar.gz", "application/gzip")]
    [InlineData("noextension", "application/octet-stream")]
    [InlineData("file.unknownext", "application/octet-stream")]
    public void Guess_ByExtension(string name, string expected) => Assert.Equal(expected, ContentTypes.Guess(name));
}
