using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;

namespace OssResumable.Emulator.Tests.TestSupport;

/// <summary>Starts a fresh emulator (own data directory, one bucket) for every test.</summary>
public abstract class EmulatorTestBase : IAsyncLifetime
{
    protected const string AccessKeyId = "test-ak";
    protected const string Secret = "test-secret";
    protected const string Bucket = "test-bucket";

    protected EmulatorTestBase()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "oss-emulator-tests", Guid.NewGuid().ToString("N"));
    }

    protected string DataDirectory { get; }

    protected OssEmulator Emulator { get; private set; } = null!;

    protected OssTestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await OssEmulator.StartAsync(CreateOptions());
        Client = new OssTestClient(Emulator.Endpoint, AccessKeyId, Secret);
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>Restarts the emulator on the same data directory (persistence tests).</summary>
    protected async Task RestartAsync()
    {
        await Emulator.DisposeAsync();
        Emulator = await OssEmulator.StartAsync(CreateOptions());
        Client = new OssTestClient(Emulator.Endpoint, AccessKeyId, Secret);
    }

    protected virtual void Configure(EmulatorOptions options)
    {
    }

    private EmulatorOptions CreateOptions()
    {
        var options = new EmulatorOptions
        {
            DataDirectory = DataDirectory,
            Credentials = { new EmulatorCredential(AccessKeyId, Secret) },
            Buckets = { Bucket },
        };
        Configure(options);
        return options;
    }

    protected static byte[] Data(int size, int seed = 1)
    {
        var data = new byte[size];
        for (int i = 0; i < size; i++)
        {
            data[i] = (byte)((i * 31) + (i >> 8) + seed);
        }

        return data;
    }

    internal static string CompleteXml(IEnumerable<(int PartNumber, string ETag)> parts)
    {
        var builder = new StringBuilder("<CompleteMultipartUpload>");
        foreach ((int number, string eTag) in parts)
        {
            builder.Append("<Part><PartNumber>").Append(number.ToString(CultureInfo.InvariantCulture)).Append("</PartNumber><ETag>")
                .Append(eTag).Append("</ETag></Part>");
        }

        return builder.Append("</CompleteMultipartUpload>").ToString();
    }

    protected static KeyValuePair<string, string> H(string name, string value) => new(name, value);

    protected static KeyValuePair<string, string> Q(string name, string value = "") => new(name, value);

    protected Task<OssResponse> PutObjectAsync(string key, byte[] data, params KeyValuePair<string, string>[] headers) =>
        Client.SendAsync("PUT", Bucket, key, body: data, headers: headers);

    protected async Task<string> InitiateAsync(string key, params KeyValuePair<string, string>[] headers)
    {
        OssResponse response = await Client.SendAsync("POST", Bucket, key, new[] { Q("uploads") }, headers: headers);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.XmlValue("UploadId")!;
    }

    protected async Task<string> UploadPartAsync(string key, string uploadId, int partNumber, byte[] data)
    {
        OssResponse response = await Client.SendAsync("PUT", Bucket, key, new[] { Q("partNumber", partNumber.ToString(CultureInfo.InvariantCulture)), Q("uploadId", uploadId) }, data);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Header("ETag")!;
    }

    protected Task<OssResponse> CompleteAsync(string key, string uploadId, IEnumerable<(int, string)> parts, params KeyValuePair<string, string>[] headers)
    {
        byte[] body = Encoding.UTF8.GetBytes(CompleteXml(parts));
        return Client.SendAsync("POST", Bucket, key, new[] { Q("uploadId", uploadId) }, body, headers.Append(H("Content-Type", "application/xml")));
    }

    protected static void AssertError(OssResponse response, HttpStatusCode status, string code)
    {
        Assert.True(response.Status == status, "expected " + (int)status + " " + code + ", got " + response);
        Assert.Equal(code, response.ErrorCode);
        Assert.Matches("^[0-9A-F]{24}$", response.Header("x-oss-request-id"));
        Assert.Equal(response.XmlValue("RequestId"), response.Header("x-oss-request-id"));
        Assert.False(string.IsNullOrEmpty(response.Header("x-oss-ec")));
        Assert.Equal(response.Header("x-oss-ec"), response.XmlValue("EC"));
        Assert.Equal("application/xml", response.Header("Content-Type"));
        Assert.NotNull(response.XmlValue("HostId"));
        Assert.NotNull(response.XmlValue("Message"));
    }
}
