using System;
using System.Collections.Generic;
using OssResumable.PowerShell.Transfers;

namespace OssResumable.PowerShell.Tests.Transfers;

public class MetadataValidatorTests
{
    [Fact]
    public void Validate_LettersDigitsDashesAndAscii_Pass() =>
        MetadataValidator.Validate(new Dictionary<string, string> { ["source-host"] = "sql01 (nightly)", ["Job2"] = string.Empty });

    [Theory]
    [InlineData("with space", "v")]
    [InlineData("under_score", "v")]
    [InlineData("", "v")]
    [InlineData("name", "caf\u00e9")]
    [InlineData("name", "line\nbreak")]
    public void Validate_BadEntry_Fails(string name, string value) =>
        Assert.Throws<ArgumentException>(() => MetadataValidator.Validate(new Dictionary<string, string> { [name] = value }));
}
