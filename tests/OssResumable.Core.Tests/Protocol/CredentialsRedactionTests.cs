using System;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Protocol;

public class CredentialsRedactionTests
{
    [Fact]
    public void ToString_Credentials_HidesSecretAndToken()
    {
        var credentials = new OssCredentials(TestClients.AccessKeyId, TestClients.Secret, TestClients.Token);

        string text = credentials.ToString() + new StaticOssCredentialsProvider(credentials);

        Assert.Contains(TestClients.AccessKeyId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.Token, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "sk")]
    [InlineData("ak", "")]
    [InlineData("ak\n", "sk")]
    [InlineData("ak", "sk\r\n")]
    public void Constructor_EmptyOrMultiLine_Throws(string id, string secret)
    {
        Assert.Throws<ArgumentException>(() => new OssCredentials(id, secret));
    }

    [Fact]
    public void Equals_SameValues_AreEqual()
    {
        Assert.Equal(new OssCredentials("a", "b", "c"), new OssCredentials("a", "b", "c"));
        Assert.NotEqual(new OssCredentials("a", "b", "c"), new OssCredentials("a", "b", "d"));
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task ServiceError_MessageAndToString_ContainNoSecretTokenOrAuthorization(OssSignatureVersion version)
    {
        string? authorization = null;
        var handler = new FakeOssHandler((request, _) =>
        {
            authorization = request.Header("Authorization");
            string body = "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match.</Message>" +
                "<RequestId>R</RequestId><HostId>h</HostId><OSSAccessKeyId>" + TestClients.AccessKeyId + "</OSSAccessKeyId>" +
                "<StringToSign>PUT\n\n\nDate\n/bucket/k</StringToSign></Error>";
            return FakeOssHandler.Response(HttpStatusCode.Forbidden, body);
        });
        using var client = TestClients.Create(handler, TestClients.Options(version), new OssCredentials(TestClients.AccessKeyId, TestClients.Secret, TestClients.Token));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => client.PutObjectAsync(new PutObjectRequest("bucket", "k", RequestBody.FromBytes(Encoding.ASCII.GetBytes("x")))));

        string text = ex.ToString() + ex.Message + string.Join(";", ex.Details.Values);
        Assert.NotNull(authorization);
        Assert.DoesNotContain(TestClients.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(authorization!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(authorization!.Substring(authorization.Length - 20), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransportError_Message_ContainsNoSecret()
    {
        var handler = new FakeOssHandler((_, _, _) => throw new System.Net.Http.HttpRequestException("Connection refused"));
        using var client = TestClients.Create(handler, TestClients.Options(maxRetries: 0), new OssCredentials(TestClients.AccessKeyId, TestClients.Secret, TestClients.Token));

        var ex = await Assert.ThrowsAsync<OssTransportException>(() => client.DeleteObjectAsync("bucket", "k"));

        Assert.DoesNotContain(TestClients.Secret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.Token, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("key 'k'", ex.Message, StringComparison.Ordinal);
    }
}
