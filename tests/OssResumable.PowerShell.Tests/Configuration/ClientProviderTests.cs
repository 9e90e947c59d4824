using System;
using System.Collections.Generic;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.Tests.Fakes;

namespace OssResumable.PowerShell.Tests.Configuration;

public class ClientProviderTests
{
    [Fact]
    public void Get_SameConnectionTwice_CreatesOneClientAndDisposesIt()
    {
        var environment = new FakeEnvironment();
        environment.Variables["OSS_ACCESS_KEY_ID"] = "id";
        environment.Variables["OSS_ACCESS_KEY_SECRET"] = "very-secret";
        var created = new List<FakeOssClient>();
        var verbose = new List<string>();
        var provider = new ClientProvider(new ConnectionResolver(environment), c => { var f = new FakeOssClient(); created.Add(f); return f; }, verbose.Add);

        IOssClient first = provider.Get(new ConnectionRequest { Region = "cn-hangzhou" }, out _);
        IOssClient second = provider.Get(new ConnectionRequest { Region = "cn-hangzhou" }, out _);
        IOssClient other = provider.Get(new ConnectionRequest { Region = "cn-beijing" }, out _);
        provider.Dispose();

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Equal(2, created.Count);
        Assert.All(created, c => Assert.True(c.Disposed));
        Assert.Equal(2, verbose.Count);
        Assert.All(verbose, v => Assert.DoesNotContain("very-secret", v, StringComparison.Ordinal));
    }

    [Fact]
    public void Get_SameRequestObjectAgain_ResolvedOnceEvenIfTheEnvironmentChanges()
    {
        var environment = new FakeEnvironment();
        environment.Variables["OSS_ACCESS_KEY_ID"] = "id";
        environment.Variables["OSS_ACCESS_KEY_SECRET"] = "very-secret";
        environment.Variables["OSS_ENDPOINT"] = "https://oss-cn-hangzhou.aliyuncs.com";
        var provider = new ClientProvider(new ConnectionResolver(environment), _ => new FakeOssClient(), _ => { });
        var request = new ConnectionRequest();

        IOssClient first = provider.Get(request, out ResolvedConnection firstConnection);
        environment.Variables["OSS_ENDPOINT"] = "https://oss-cn-beijing.aliyuncs.com";
        IOssClient second = provider.Get(request, out ResolvedConnection secondConnection);
        provider.Get(new ConnectionRequest(), out ResolvedConnection rebuilt);

        Assert.Same(first, second);
        Assert.Same(firstConnection, secondConnection);
        Assert.Contains("cn-hangzhou", firstConnection.EndpointText, StringComparison.Ordinal);
        Assert.Contains("cn-beijing", rebuilt.EndpointText, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_SameRequestWithAPipedEndpoint_ThePipedEndpointIsHonoured()
    {
        var environment = new FakeEnvironment();
        environment.Variables["OSS_ACCESS_KEY_ID"] = "id";
        environment.Variables["OSS_ACCESS_KEY_SECRET"] = "very-secret";
        environment.Variables["OSS_ENDPOINT"] = "https://oss-cn-hangzhou.aliyuncs.com";
        var provider = new ClientProvider(new ConnectionResolver(environment), _ => new FakeOssClient(), _ => { });
        var request = new ConnectionRequest();

        IOssClient fromEnvironment = provider.Get(request, out ResolvedConnection first);
        request.PipelineEndpoint = "https://oss-cn-beijing.aliyuncs.com";
        request.PipelineRegion = "cn-beijing";
        IOssClient fromPipedObject = provider.Get(request, out ResolvedConnection piped);

        Assert.NotSame(fromEnvironment, fromPipedObject);
        Assert.Contains("cn-hangzhou", first.EndpointText, StringComparison.Ordinal);
        Assert.Contains("cn-beijing", piped.EndpointText, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_InstallsARetryObserverThatNarratesWithoutSecrets()
    {
        var environment = new FakeEnvironment();
        environment.Variables["OSS_ACCESS_KEY_ID"] = "id";
        environment.Variables["OSS_ACCESS_KEY_SECRET"] = "very-secret";
        var verbose = new List<string>();
        ResolvedConnection? seen = null;
        var provider = new ClientProvider(new ConnectionResolver(environment), c => { seen = c; return new FakeOssClient(); }, verbose.Add);
        provider.Get(new ConnectionRequest { Region = "cn-hangzhou" }, out _);
        var failure = new OssServiceException("UploadPart failed: 503 ServiceUnavailable", 503, "ServiceUnavailable", "busy", "R1", null, null, null, "UploadPart", "b", "k");

        seen!.Options.RetryObserver!(new OssRetryNotice("UploadPart", "b", "k", 1, TimeSpan.FromSeconds(1.5), failure));

        string line = verbose[^1];
        Assert.Contains("Retrying UploadPart of oss://b/k", line, StringComparison.Ordinal);
        Assert.Contains("attempt 1 failed", line, StringComparison.Ordinal);
        Assert.Contains("1.5 s", line, StringComparison.Ordinal);
    }
}
