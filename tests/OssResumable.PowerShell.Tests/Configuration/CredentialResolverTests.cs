using System;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.Tests.Fakes;

namespace OssResumable.PowerShell.Tests.Configuration;

public class CredentialResolverTests
{
    private const string Secret = "s3cr3t-value-never-shown";

    private readonly FakeEnvironment _environment = new();

    private ResolvedCredentials Resolve(CredentialRequest? request = null) =>
        new CredentialResolver(_environment).Resolve(request ?? new CredentialRequest());

    private OssConfigurationException Fail(CredentialRequest? request = null) =>
        Assert.Throws<OssConfigurationException>(() => Resolve(request));

    [Fact]
    public void Resolve_CredentialParameter_WinsOverEnvironment()
    {
        _environment.Variables["OSS_ACCESS_KEY_ID"] = "env-id";
        _environment.Variables["OSS_ACCESS_KEY_SECRET"] = "env-secret";

        ResolvedCredentials result = Resolve(new CredentialRequest { AccessKeyId = "param-id", AccessKeySecret = Secret, FromCredentialParameter = true });

        Assert.Equal("param-id", result.Credentials.AccessKeyId);
        Assert.Equal(Secret, result.Credentials.AccessKeySecret);
        Assert.Equal("the -Credential parameter", result.Source);
    }

    [Fact]
    public void Resolve_AccessKeyParametersWithToken_GiveStsCredentials()
    {
        ResolvedCredentials result = Resolve(new CredentialRequest { AccessKeyId = "STS.id", AccessKeySecret = Secret, SecurityToken = "token" });

        Assert.Equal("token", result.Credentials.SecurityToken);
        Assert.Contains("-AccessKeyId", result.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OssEnvironment_WinsOverAlibabaEnvironment()
    {
        _environment.Variables["OSS_ACCESS_KEY_ID"] = "oss-id";
        _environment.Variables["OSS_ACCESS_KEY_SECRET"] = Secret;
        _environment.Variables["OSS_SESSION_TOKEN"] = "oss-token";
        _environment.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "ali-id";
        _environment.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "ali-secret";

        ResolvedCredentials result = Resolve();

        Assert.Equal("oss-id", result.Credentials.AccessKeyId);
        Assert.Equal("oss-token", result.Credentials.SecurityToken);
        Assert.Contains("OSS_SESSION_TOKEN", result.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AlibabaEnvironment_UsedWhenOssVariablesAreAbsent()
    {
        _environment.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "ali-id";
        _environment.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = Secret;
        _environment.Variables["ALIBABA_CLOUD_SECURITY_TOKEN"] = "ali-token";

        ResolvedCredentials result = Resolve();

        Assert.Equal("ali-id", result.Credentials.AccessKeyId);
        Assert.Equal("ali-token", result.Credentials.SecurityToken);
    }

    [Fact]
    public void Resolve_EmptyEnvironmentValues_CountAsNotConfigured()
    {
        _environment.Variables["OSS_ACCESS_KEY_ID"] = string.Empty;
        _environment.Variables["OSS_ACCESS_KEY_SECRET"] = string.Empty;
        _environment.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "ali-id";
        _environment.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = Secret;

        Assert.Equal("ali-id", Resolve().Credentials.AccessKeyId);
    }

    [Fact]
    public void Resolve_HalfConfiguredEnvironment_FailsInsteadOfFallingThrough()
    {
        _environment.Variables["OSS_ACCESS_KEY_ID"] = "oss-id";
        _environment.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "ali-id";
        _environment.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = Secret;

        OssConfigurationException ex = Fail();

        Assert.Equal(OssConfigurationFailure.Invalid, ex.Failure);
        Assert.Contains("OSS_ACCESS_KEY_SECRET", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AlibabaCredentialsFileDefaultProfile_IsUsed()
    {
        _environment.Files[_environment.HomeFile(".alibabacloud", "credentials")] =
            "[default]\nenable = true\ntype = access_key\naccess_key_id = file-id\naccess_key_secret = " + Secret + "\n";

        ResolvedCredentials result = Resolve();

        Assert.Equal("file-id", result.Credentials.AccessKeyId);
        Assert.Contains("profile 'default'", result.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_CredentialsIniFile_IsUsedWhenThePlainFileIsAbsent()
    {
        _environment.Files[_environment.HomeFile(".alibabacloud", "credentials.ini")] = "[default]\naccess_key_id = ini-id\naccess_key_secret = " + Secret + "\n";

        Assert.Equal("ini-id", Resolve().Credentials.AccessKeyId);
    }

    [Fact]
    public void Resolve_ProfileNameParameter_SelectsTheProfileOverTheEnvironmentVariable()
    {
        _environment.Variables["ALIBABA_CLOUD_PROFILE"] = "other";
        _environment.Files[_environment.HomeFile(".alibabacloud", "credentials")] =
            "[default]\naccess_key_id = d\naccess_key_secret = x\n[backup]\ntype = sts\naccess_key_id = STS.b\naccess_key_secret = " + Secret + "\nsecurity_token = tok\n[other]\naccess_key_id = o\naccess_key_secret = x\n";

        ResolvedCredentials result = Resolve(new CredentialRequest { ProfileName = "backup" });

        Assert.Equal("STS.b", result.Credentials.AccessKeyId);
        Assert.Equal("tok", result.Credentials.SecurityToken);
    }

    [Fact]
    public void Resolve_AlibabaProfileVariable_SelectsTheProfile()
    {
        _environment.Variables["ALIBABA_CLOUD_PROFILE"] = "other";
        _environment.Files[_environment.HomeFile(".alibabacloud", "credentials")] =
            "[default]\naccess_key_id = d\naccess_key_secret = x\n[other]\naccess_key_id = o\naccess_key_secret = x\n";

        Assert.Equal("o", Resolve().Credentials.AccessKeyId);
    }

    [Fact]
    public void Resolve_CredentialsFileVariable_NamesTheFile()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "elsewhere", "creds");
        _environment.Variables["ALIBABA_CLOUD_CREDENTIALS_FILE"] = path;
        _environment.Files[path] = "[default]\naccess_key_id = elsewhere\naccess_key_secret = x\n";

        Assert.Equal("elsewhere", Resolve().Credentials.AccessKeyId);
    }

    [Fact]
    public void Resolve_CredentialsFileVariableNamingAMissingFile_Fails()
    {
        _environment.Variables["ALIBABA_CLOUD_CREDENTIALS_FILE"] = "/nowhere/creds";

        OssConfigurationException ex = Fail();

        Assert.Contains("/nowhere/creds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnsupportedProfileTypeAndNothingElse_FailsNamingTheType()
    {
        _environment.Files[_environment.HomeFile(".alibabacloud", "credentials")] = "[default]\ntype = ecs_ram_role\nrole_name = Uploader\n";

        OssConfigurationException ex = Fail();

        Assert.Equal(OssConfigurationFailure.Invalid, ex.Failure);
        Assert.Contains("ecs_ram_role", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_DisabledProfile_IsSkippedForOssutilConfig()
    {
        _environment.Files[_environment.HomeFile(".alibabacloud", "credentials")] = "[default]\nenable = false\naccess_key_id = off\naccess_key_secret = x\n";
        _environment.Files[_environment.HomeFile(".ossutilconfig")] = "[default]\naccessKeyID = util-id\naccessKeySecret = x\n";

        Assert.Equal("util-id", Resolve().Credentials.AccessKeyId);
    }

    [Fact]
    public void Resolve_Ossutil1Config_CredentialsSectionWithAnyKeySpelling()
    {
        _environment.Files[_environment.HomeFile(".ossutilconfig")] =
            "[Credentials]\nlanguage=EN\nendpoint=oss-cn-shanghai.aliyuncs.com\naccess_key_id=v1-id\naccess_key_secret=" + Secret + "\nsts_token=v1-token\n[Bucket-Endpoint]\nb=e\n";

        ResolvedCredentials result = Resolve();

        Assert.Equal("v1-id", result.Credentials.AccessKeyId);
        Assert.Equal("v1-token", result.Credentials.SecurityToken);
        Assert.Contains("[Credentials]", result.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Ossutil2NamedProfile_KebabCaseKeys()
    {
        _environment.Files[_environment.HomeFile(".ossutilconfig")] =
            "# comment\n[default]\naccess-key-id = d\naccess-key-secret = x\n[profile night]\naccess-key-id = night-id\naccess-key-secret = " + Secret + "\nregion = cn-beijing\n";

        ResolvedCredentials result = Resolve(new CredentialRequest { ProfileName = "night" });

        Assert.Equal("night-id", result.Credentials.AccessKeyId);
    }

    [Fact]
    public void Resolve_ExplicitProfileFoundNowhere_FailsNamingBothFiles()
    {
        _environment.Files[_environment.HomeFile(".alibabacloud", "credentials")] = "[default]\naccess_key_id = d\naccess_key_secret = x\n";

        OssConfigurationException ex = Fail(new CredentialRequest { ProfileName = "missing" });

        Assert.Contains("'missing'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(".ossutilconfig", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitProfileAndCredentialVariables_TheProfileWins()
    {
        _environment.Variables["OSS_ACCESS_KEY_ID"] = "env-id";
        _environment.Variables["OSS_ACCESS_KEY_SECRET"] = Secret;
        _environment.Files[_environment.HomeFile(".alibabacloud", "credentials")] = "[night]\naccess_key_id = night-id\naccess_key_secret = x\n";

        ResolvedCredentials result = Resolve(new CredentialRequest { ProfileName = "night" });

        Assert.Equal("night-id", result.Credentials.AccessKeyId);
        Assert.Contains("'night'", result.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitProfileMissingAndCredentialVariables_FailsRatherThanUsingTheVariables()
    {
        _environment.Variables["OSS_ACCESS_KEY_ID"] = "env-id";
        _environment.Variables["OSS_ACCESS_KEY_SECRET"] = Secret;

        OssConfigurationException ex = Fail(new CredentialRequest { ProfileName = "missing" });

        Assert.Contains("'missing'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ProfileWithoutSecret_Fails()
    {
        _environment.Files[_environment.HomeFile(".ossutilconfig")] = "[default]\naccessKeyID = lonely\n";

        OssConfigurationException ex = Fail();

        Assert.Contains("no AccessKey secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnreadableFile_FailsWithTheCause()
    {
        string path = _environment.HomeFile(".alibabacloud", "credentials");
        _environment.UnreadableFiles.Add(path);

        OssConfigurationException ex = Fail();

        Assert.IsType<UnauthorizedAccessException>(ex.InnerException);
    }

    [Fact]
    public void Resolve_NothingAnywhere_OneErrorNamingEverySource()
    {
        OssConfigurationException ex = Fail();

        Assert.Equal(OssConfigurationFailure.CredentialsNotFound, ex.Failure);
        foreach (string source in new[] { "-Credential", "-AccessKeyId", "OSS_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_ID", "Alibaba Cloud credentials file", ".ossutilconfig" })
        {
            Assert.Contains(source, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Resolve_NoHomeDirectory_StillReportsNotFound()
    {
        _environment.HomeDirectory = null;

        Assert.Equal(OssConfigurationFailure.CredentialsNotFound, Fail().Failure);
    }

    [Theory]
    [InlineData("id", null, null, "-AccessKeySecret")]
    [InlineData(null, "secret", null, "-AccessKeyId")]
    [InlineData(null, null, "token", "-SecurityToken")]
    public void ValidateParameters_IncompleteCombination_Fails(string? id, string? secret, string? token, string mentioned)
    {
        var request = new CredentialRequest { AccessKeyId = id, AccessKeySecret = secret, SecurityToken = token };

        var ex = Assert.Throws<OssConfigurationException>(() => CredentialResolver.ValidateParameters(request));

        Assert.Contains(mentioned, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateParameters_CredentialAndAccessKeyParameters_Fails()
    {
        var request = new CredentialRequest { AccessKeyId = "a", AccessKeySecret = "b", FromCredentialParameter = true, AccessKeyParametersAlsoGiven = true };

        Assert.Throws<OssConfigurationException>(() => CredentialResolver.ValidateParameters(request));
    }

    [Fact]
    public void Resolve_InvalidSecretInFile_MessageNeverContainsTheSecret()
    {
        _environment.Files[_environment.HomeFile(".ossutilconfig")] = "[default]\naccessKeyID = id\naccessKeySecret = " + Secret + "\n";
        _environment.Variables["OSS_ACCESS_KEY_ID"] = "id";
        _environment.Variables["OSS_ACCESS_KEY_SECRET"] = Secret + "\n";

        OssConfigurationException ex = Fail();

        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("line breaks", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Source_NeverContainsTheSecret()
    {
        _environment.Files[_environment.HomeFile(".ossutilconfig")] = "[default]\naccessKeyID = id\naccessKeySecret = " + Secret + "\nstsToken = tok-secret\n";

        ResolvedCredentials result = Resolve();

        Assert.DoesNotContain(Secret, result.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-secret", result.Source, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Credentials.ToString(), StringComparison.Ordinal);
    }
}
