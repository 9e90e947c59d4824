using System;
using System.Text;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Tests.Checkpoints;

/// <summary>
/// The optional "connection" member: how the upload was signed and addressed, so that a resume from the
/// checkpoint alone signs the same way (issue 7: the region was lost for endpoints that name none).
/// </summary>
public class CheckpointConnectionTests
{
    private const string FilePath = "/cp/x.checkpoint.json";

    [Theory]
    [InlineData("cn-hangzhou", OssSignatureVersion.V4, false)]
    [InlineData(null, OssSignatureVersion.V1, true)]
    public void Deserialize_SerializedConnection_RoundTrips(string? region, OssSignatureVersion version, bool pathStyle)
    {
        UploadCheckpoint checkpoint = TestCheckpoints.Create(connection: new CheckpointConnection(region, version, pathStyle));

        UploadCheckpoint loaded = CheckpointSerializer.Deserialize(CheckpointSerializer.Serialize(checkpoint, checkpoint.CaptureState()), FilePath);

        Assert.NotNull(loaded.Connection);
        Assert.Equal(region, loaded.Connection!.Region);
        Assert.Equal(version, loaded.Connection.SignatureVersion);
        Assert.Equal(pathStyle, loaded.Connection.PathStyle);
    }

    [Fact]
    public void Deserialize_CheckpointOfAnEarlierRelease_LoadsWithoutConnection()
    {
        UploadCheckpoint loaded = CheckpointSerializer.Deserialize(Encoding.UTF8.GetBytes(TestCheckpoints.SignedFile(TestCheckpoints.Data())), FilePath);

        Assert.Null(loaded.Connection);
    }

    [Fact]
    public void Serialize_WithoutConnection_WritesNoConnectionMember()
    {
        string text = Encoding.UTF8.GetString(CheckpointSerializer.Serialize(TestCheckpoints.Create(), TestCheckpoints.Create().CaptureState()));

        Assert.DoesNotContain("\"connection\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_HandSignedConnectionWithoutRegion_LoadsNullRegion()
    {
        string data = TestCheckpoints.Data(connection: "{\"signatureVersion\":1,\"pathStyle\":false}");

        UploadCheckpoint loaded = CheckpointSerializer.Deserialize(Encoding.UTF8.GetBytes(TestCheckpoints.SignedFile(data)), FilePath);

        Assert.Null(loaded.Connection!.Region);
        Assert.Equal(OssSignatureVersion.V1, loaded.Connection.SignatureVersion);
    }

    [Theory]
    [InlineData("{\"region\":\"cn-hangzhou\",\"signatureVersion\":2,\"pathStyle\":false}", "must be 1 or 4")]
    [InlineData("{\"region\":\"CN Hangzhou\",\"signatureVersion\":4,\"pathStyle\":false}", "region id")]
    [InlineData("{\"region\":\"cn-hangzhou\",\"pathStyle\":false}", "\"connection.signatureVersion\" is missing")]
    [InlineData("{\"region\":\"cn-hangzhou\",\"signatureVersion\":4,\"pathStyle\":\"yes\"}", "should be a boolean")]
    [InlineData("\"cn-hangzhou\"", "should be an object")]
    public void Deserialize_InvalidConnection_InvalidContent(string connection, string expected)
    {
        byte[] content = Encoding.UTF8.GetBytes(TestCheckpoints.SignedFile(TestCheckpoints.Data(connection: connection)));

        var ex = Assert.Throws<CheckpointException>(() => CheckpointSerializer.Deserialize(content, FilePath));

        Assert.Equal(CheckpointFailureReason.InvalidContent, ex.Reason);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_ClientWithIpEndpointAndRegion_RecordsWhatItSignsWith()
    {
        using var client = new OssClient(
            new OssClientOptions { Endpoint = new Uri("http://127.0.0.1:9"), Region = "cn-shanghai" },
            new OssCredentials("id", "secret"));

        CheckpointConnection connection = CheckpointConnection.Of(client);

        Assert.Equal("cn-shanghai", connection.Region);
        Assert.Equal(OssSignatureVersion.V4, connection.SignatureVersion);
        Assert.True(connection.PathStyle);
    }
}
