using System;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.Tests.Fakes;

namespace OssResumable.PowerShell.Tests.Configuration;

public class ConnectionResolverTests
{
    private readonly FakeEnvironment _environment = new();

    public ConnectionResolverTests()
    {
        _environment.Variables["OSS_ACCESS_KEY_ID"] = "id";
        _environment.Variables["OSS_ACCESS_KEY_SECRET"] = "secret";
    }

    private ResolvedConnection Resolve(ConnectionRequest request) => new ConnectionResolver(_environment).Resolve(request);

    [Fact]
    public void Resolve_RegionOnly_BuildsThePublicEndpointText()
    {
        ResolvedConnection connection = Resolve(new ConnectionRequest { Region = "cn-shanghai" });

        Assert.Null(connection.Options.Endpoint);
        Assert.Equal("cn-shanghai", connection.Options.Region);
        Assert.Equal("https://oss-cn-shanghai.aliyuncs.com", connection.EndpointText);
        Assert.Equal(OssSignatureVersion.V4, connection.Options.SignatureVersion);
    }

    [Fact]
    public void Resolve_EndpointWithoutScheme_UsesHttps()
    {
        ResolvedConnection connection = Resolve(new ConnectionRequest { Endpoint = "oss-cn-hangzhou.aliyuncs.com" });

        Assert.Equal("https://oss-cn-hangzhou.aliyuncs.com", connection.EndpointText);
    }

    [Fact]
    public void Resolve_Parameters_WinOverThePipedObjectAndEnvironment()
    {
        _environment.Variables["OSS_REGION"] = "cn-beijing";

        ResolvedConnection connection = Resolve(new ConnectionRequest { Endpoint = "http://127.0.0.1:9000", Region = "cn-hangzhou", PipelineEndpoint = "https://other" });

        Assert.Equal("http://127.0.0.1:9000", connection.EndpointText);
        Assert.Equal("cn-hangzhou", connection.Options.Region);
    }

    [Fact]
    public void Resolve_PipedObject_SuppliesEndpointAndRegionTogether()
    {
        _environment.Variables["OSS_REGION"] = "cn-beijing";

        ResolvedConnection connection = Resolve(new ConnectionRequest { PipelineEndpoint = "http://127.0.0.1:9000", PipelineRegion = null });

        Assert.Equal("http://127.0.0.1:9000", connection.EndpointText);
        Assert.Null(connection.Options.Region);
        Assert.Contains("piped object", connection.EndpointSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PipedObject_SignsAndAddressesAsTheObjectRecords()
    {
        ResolvedConnection connection = Resolve(new ConnectionRequest
        {
            PipelineEndpoint = "https://files.example.com",
            PipelineRegion = "cn-shanghai",
            PipelineSignatureVersion = 1,
            PipelinePathStyle = true,
        });

        Assert.Equal("cn-shanghai", connection.Options.Region);
        Assert.Equal(OssSignatureVersion.V1, connection.Options.SignatureVersion);
        Assert.True(connection.Options.UsePathStyle);
        Assert.Equal(1, connection.SignatureVersionNumber);
        Assert.True(connection.ForcedPathStyle);
    }

    [Fact]
    public void Resolve_PipedObjectWithSignatureVersionParameter_TheParameterWins()
    {
        ResolvedConnection connection = Resolve(new ConnectionRequest { SignatureVersion = 4, PipelineEndpoint = "http://127.0.0.1:9000", PipelineRegion = "cn-hangzhou", PipelineSignatureVersion = 1 });

        Assert.Equal(OssSignatureVersion.V4, connection.Options.SignatureVersion);
    }

    [Fact]
    public void Resolve_EndpointParameter_IgnoresThePipedSigningAndAddressing()
    {
        ResolvedConnection connection = Resolve(new ConnectionRequest
        {
            Endpoint = "http://127.0.0.1:9000",
            Region = "cn-hangzhou",
            PipelineEndpoint = "https://other",
            PipelineSignatureVersion = 1,
            PipelinePathStyle = true,
        });

        Assert.Equal(OssSignatureVersion.V4, connection.Options.SignatureVersion);
        Assert.Null(connection.Options.UsePathStyle);
    }

    [Fact]
    public void Resolve_EndpointNotAUrl_MessageNamesTheParameterWithoutDotNetSuffix()
    {
        var ex = Assert.Throws<OssConfigurationException>(() => Resolve(new ConnectionRequest { Endpoint = "ht!tp://x y" }));

        Assert.Contains("The endpoint 'ht!tp://x y' is not valid", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("(-Endpoint)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PipedSignatureVersionOtherThan1Or4_IsRefused()
    {
        var ex = Assert.Throws<OssConfigurationException>(() => Resolve(new ConnectionRequest { PipelineEndpoint = "http://127.0.0.1:9000", PipelineSignatureVersion = 2 }));

        Assert.Contains("SignatureVersion must be 1 or 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PipedEndpointWithRegionParameter_KeepsTheObjectsEndpoint()
    {
        ResolvedConnection connection = Resolve(new ConnectionRequest { Region = "cn-hangzhou", PipelineEndpoint = "http://127.0.0.1:9000" });

        Assert.Equal("http://127.0.0.1:9000", connection.EndpointText);
        Assert.Equal("cn-hangzhou", connection.Options.Region);
    }

    [Fact]
    public void Resolve_RegionParameterOverAnInternalProfileEndpoint_KeepsTheEndpointInternal()
    {
        _environment.Files[_environment.HomeFile(".ossutilconfig")] = "[default]\nendpoint = oss-cn-qingdao-internal.aliyuncs.com\nregion = cn-qingdao\n";

        ResolvedConnection connection = Resolve(new ConnectionRequest { Region = "cn-hangzhou" });

        Assert.Equal("https://oss-cn-hangzhou-internal.aliyuncs.com", connection.EndpointText);
        Assert.Equal("cn-hangzhou", connection.Options.Region);
    }

    [Fact]
    public void Resolve_RegionParameterOverAPublicEnvironmentEndpoint_BuildsThePublicEndpoint()
    {
        _environment.Variables["OSS_ENDPOINT"] = "oss-cn-qingdao.aliyuncs.com";

        Assert.Equal("https://oss-cn-hangzhou.aliyuncs.com", Resolve(new ConnectionRequest { Region = "cn-hangzhou" }).EndpointText);
    }

    [Fact]
    public void Resolve_EnvironmentRegion_UsedWithoutParameters()
    {
        _environment.Variables["OSS_REGION"] = "ap-southeast-1";

        Assert.Equal("ap-southeast-1", Resolve(new ConnectionRequest()).Options.Region);
    }

    [Fact]
    public void Resolve_OssutilProfileEndpoint_UsedLast()
    {
        _environment.Files[_environment.HomeFile(".ossutilconfig")] = "[default]\nendpoint = oss-cn-qingdao.aliyuncs.com\nregion = cn-qingdao\n";

        ResolvedConnection connection = Resolve(new ConnectionRequest());

        Assert.Equal("https://oss-cn-qingdao.aliyuncs.com", connection.EndpointText);
        Assert.Equal("cn-qingdao", connection.Options.Region);
    }

    [Fact]
    public void Resolve_NoEndpointAnywhere_FailsWithEndpointNotFound()
    {
        var ex = Assert.Throws<OssConfigurationException>(() => Resolve(new ConnectionRequest()));

        Assert.Equal(OssConfigurationFailure.EndpointNotFound, ex.Failure);
        Assert.Contains("-Region", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PathStyleSignatureAndRetries_AreMapped()
    {
        ResolvedConnection connection = Resolve(new ConnectionRequest { Region = "cn-hangzhou", PathStyle = true, SignatureVersion = 1, MaxRetries = 0 });

        Assert.True(connection.Options.UsePathStyle);
        Assert.Equal(OssSignatureVersion.V1, connection.Options.SignatureVersion);
        Assert.Equal(0, connection.Options.MaxRetries);
    }

    [Fact]
    public void Resolve_NoPathStyleSwitch_LeavesAutomaticAddressing()
    {
        Assert.Null(Resolve(new ConnectionRequest { Region = "cn-hangzhou" }).Options.UsePathStyle);
    }

    [Theory]
    [InlineData("ftp://host", null)]
    [InlineData(null, "CN_Hangzhou")]
    public void ValidateParameters_BadEndpointOrRegion_FailsBeforeAnythingElse(string? endpoint, string? region)
    {
        _environment.Variables.Clear();

        var ex = Assert.Throws<OssConfigurationException>(() => ConnectionResolver.ValidateParameters(new ConnectionRequest { Endpoint = endpoint, Region = region }));

        Assert.Equal(OssConfigurationFailure.Invalid, ex.Failure);
    }

    [Fact]
    public void Describe_NamesEndpointAndSourceButNoSecret()
    {
        ResolvedConnection connection = Resolve(new ConnectionRequest { Region = "cn-hangzhou" });

        string text = connection.Describe();

        Assert.Contains("https://oss-cn-hangzhou.aliyuncs.com", text, StringComparison.Ordinal);
        Assert.Contains("OSS_ACCESS_KEY_ID", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", text.Replace("OSS_ACCESS_KEY_SECRET", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
