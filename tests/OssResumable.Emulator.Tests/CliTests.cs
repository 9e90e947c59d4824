using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

/// <summary>Runs the built emulator as a separate process, the way crash tests and other tools do.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "oss-emulator-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OssResumable.Emulator.dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static async Task<Uri> ReadEndpointAsync(Process process, string scheme = "http")
    {
        string? first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Match match = Regex.Match(first ?? string.Empty, "^listening: (" + scheme + @"://127\.0\.0\.1:(\d+))$");
        Assert.True(match.Success, "first stdout line was: " + first + " / stderr: " + (process.HasExited ? await process.StandardError.ReadToEndAsync() : string.Empty));
        Assert.NotEqual("0", match.Groups[2].Value);
        return new Uri(match.Groups[1].Value);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    [Fact]
    public async Task Start_PrintsListeningLineServesRequestsAppliesOptionsAndKeepsDataAcrossRestart()
    {
        using (Process process = Start("--port", "0", "--data", _data, "--access-key-id", "cli-ak", "--access-key-secret", "cli-sk", "--bucket", "cli-bucket",
            "--fault", "op=PutObject,action=error,status=503,code=SlowDown"))
        {
            try
            {
                Uri endpoint = await ReadEndpointAsync(process);
                var client = new OssTestClient(endpoint, "cli-ak", "cli-sk");

                OssResponse injected = await client.SendAsync("PUT", "cli-bucket", "k", body: new byte[] { 1, 2, 3 });
                OssResponse put = await client.SendAsync("PUT", "cli-bucket", "k", body: new byte[] { 1, 2, 3 });

                Assert.Equal(HttpStatusCode.ServiceUnavailable, injected.Status);
                Assert.Equal(HttpStatusCode.OK, put.Status);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        // Killed hard; the object must still be there, and the new options must apply.
        using Process second = Start("--port", "0", "--data", _data, "--access-key-id", "cli-ak", "--access-key-secret", "cli-sk", "--clock-skew", "1200");
        try
        {
            Uri endpoint = await ReadEndpointAsync(second);
            var skewed = new OssTestClient(endpoint, "cli-ak", "cli-sk") { ClockOffset = TimeSpan.FromMinutes(20) };
            var plain = new OssTestClient(endpoint, "cli-ak", "cli-sk");

            OssResponse get = await skewed.SendAsync("GET", "cli-bucket", "k");
            OssResponse tooSkewed = await plain.SendAsync("GET", "cli-bucket", "k");

            Assert.Equal(new byte[] { 1, 2, 3 }, get.Body);
            Assert.Equal("RequestTimeTooSkewed", tooSkewed.ErrorCode);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Start_StsOptions_RequireAndExpireTheToken()
    {
        using Process process = Start("--port", "0", "--data", _data, "--access-key-id", "sts-ak", "--access-key-secret", "sts-sk",
            "--security-token", "tok", "--token-expires", "2000-01-01T00:00:00Z", "--bucket", "sts-bucket");
        try
        {
            Uri endpoint = await ReadEndpointAsync(process);

            OssResponse noToken = await new OssTestClient(endpoint, "sts-ak", "sts-sk").SendAsync("GET", "sts-bucket", "k");
            OssResponse expired = await new OssTestClient(endpoint, "sts-ak", "sts-sk") { SecurityToken = "tok" }.SendAsync("GET", "sts-bucket", "k");

            Assert.Equal("InvalidSecurityToken", noToken.ErrorCode);
            Assert.Equal("SecurityTokenExpired", expired.ErrorCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Start_LinkOption_ShapesFromTheFirstConnectionAndAdminShowsIt()
    {
        using Process process = Start("--port", "0", "--data", _data, "--access-key-id", "ak", "--access-key-secret", "sk", "--link", "per-connection=16MB/s,rtt=200ms,total=400MB/s");
        try
        {
            Uri endpoint = await ReadEndpointAsync(process);
            using var http = new HttpClient();
            var watch = Stopwatch.StartNew();

            string link = await http.GetStringAsync(new Uri(endpoint, "/_emulator/link"));

            // A new connection: handshake and request each pay the round trip.
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(400), "took " + watch.Elapsed);
            Assert.Contains("\"spec\": \"per-connection=16MB/s,rtt=200ms,total=400MB/s\"", link, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Sigterm_StopsCleanlyWithExitCode0()
    {
        if (OperatingSystem.IsWindows())
        {
            // No SIGTERM to send on Windows; the Ctrl+C path is the same handler.
            return;
        }

        using Process process = Start("--port", "0", "--data", _data, "--access-key-id", "ak", "--access-key-secret", "sk");
        await ReadEndpointAsync(process);

        Assert.Equal(0, SendSignal(process.Id, 15));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("stopping", await process.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--port", "70000", "--data", "d", "--access-key-id", "a", "--access-key-secret", "s")]
    [InlineData("--port", "0", "--access-key-id", "a", "--access-key-secret", "s")]
    [InlineData("--data", "d", "--access-key-id", "a")]
    [InlineData("--data", "d", "--access-key-id", "a", "--access-key-secret", "s", "--fault", "action=explode")]
    [InlineData("--data", "d", "--access-key-id", "a", "--access-key-secret", "s", "--bucket", "No_Good")]
    [InlineData("--data", "d", "--access-key-id", "a", "--access-key-secret", "s", "--clock-skew", "soon")]
    [InlineData("--data", "d", "--access-key-id", "a", "--access-key-secret", "s", "--link", "per-connection=16Mb/s")]
    [InlineData("--data", "d", "--access-key-id", "a", "--access-key-secret", "s", "--link", "rtt=40ms", "--link", "rtt=50ms")]
    public async Task BadCommandLine_ExitCode2WithMessage(params string[] args)
    {
        using Process process = Start(args);
        string stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync());
    }

    [Fact]
    public async Task Https_PrintsHttpsEndpointThenItsOwnCertificateAndServesTls()
    {
        using Process process = Start("--https", "--port", "0", "--data", _data, "--access-key-id", "ak", "--access-key-secret", "sk", "--bucket", "tls-bucket");
        try
        {
            Uri endpoint = await ReadEndpointAsync(process, "https");
            string? second = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            string certificatePath = Path.Combine(Path.GetFullPath(_data), "tls", "certificate.pem");
            var client = new OssTestClient(endpoint, "ak", "sk") { Http = HttpsTests.TrustingClient(X509CertificateLoader.LoadCertificateFromFile(certificatePath), endpoint.Port) };

            OssResponse put = await client.SendAsync("PUT", "tls-bucket", "k", body: new byte[] { 1 });

            Assert.Equal("certificate: " + certificatePath, second);
            Assert.Equal(HttpStatusCode.OK, put.Status);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("pfx")]
    public async Task Certificate_GivenFile_IsServedAndNamed(string format)
    {
        Directory.CreateDirectory(_data);
        using X509Certificate2 certificate = Tls.EmulatorCertificate.Create("localhost", DateTimeOffset.UtcNow);
        string certificateFile = Path.Combine(_data, "given." + format);
        var args = new System.Collections.Generic.List<string> { "--port", "0", "--data", Path.Combine(_data, "data"), "--access-key-id", "ak", "--access-key-secret", "sk", "--certificate", certificateFile };
        if (format == "pem")
        {
            await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(_data, "given.key"), certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
            args.AddRange(new[] { "--certificate-key", Path.Combine(_data, "given.key") });
        }
        else
        {
            await File.WriteAllBytesAsync(certificateFile, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
            args.AddRange(new[] { "--certificate-password", "pfx-password" });
        }

        using Process process = Start(args.ToArray());
        try
        {
            Uri endpoint = await ReadEndpointAsync(process, "https");
            string? second = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            using HttpClient trusting = HttpsTests.TrustingClient(certificate, endpoint.Port);

            HttpResponseMessage health = await trusting.GetAsync(new Uri(endpoint, "/_emulator/health"));

            Assert.Equal("certificate: " + certificateFile, second);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.False(Directory.Exists(Path.Combine(_data, "data", "tls")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("--certificate", "/no/such/certificate.pem")]
    [InlineData("--certificate-key", "key.pem")]
    [InlineData("--certificate-password", "pw")]
    public async Task CertificateOptions_Bad_ExitCode2WithMessageNamingTheFix(string option, string value)
    {
        using Process process = Start("--data", "d", "--access-key-id", "a", "--access-key-secret", "s", option, value);
        string stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("--certificate", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", stderr.Replace("password", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsUsageAndExits0()
    {
        using Process process = Start("--help");
        string stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("--access-key-secret", stdout, StringComparison.Ordinal);
        Assert.Contains("--fault SPEC", stdout, StringComparison.Ordinal);
        Assert.Contains("--https", stdout, StringComparison.Ordinal);
        Assert.Contains("DATA/tls/certificate.pem", stdout, StringComparison.Ordinal);
    }
}
