using System;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

internal static class TestClients
{
    public const string AccessKeyId = "LTAI5tTestKeyId";
    public const string Secret = "TopSecretValue-DoNotLeak-123";
    public const string Token = "StsTokenValue-DoNotLeak-456";

    public static OssClientOptions Options(OssSignatureVersion version = OssSignatureVersion.V4, int maxRetries = 3) => new()
    {
        Endpoint = new Uri("http://127.0.0.1:9000"),
        Region = "cn-hangzhou",
        SignatureVersion = version,
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    };

    public static OssClient Create(FakeOssHandler handler, OssClientOptions? options = null, OssCredentials? credentials = null, Func<DateTimeOffset>? clock = null) =>
        new(options ?? Options(), new StaticOssCredentialsProvider(credentials ?? new OssCredentials(AccessKeyId, Secret)), handler, clock);
}
