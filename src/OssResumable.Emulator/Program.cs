using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OssResumable.Emulator.Cli;

namespace OssResumable.Emulator;

/// <summary>The command-line entry point (see <see cref="CommandLine.Usage"/>).</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        CommandLine commandLine;
        try
        {
            commandLine = CommandLine.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            await Console.Error.WriteLineAsync("Run with --help for usage.");
            return 2;
        }

        if (commandLine.Help)
        {
            await Console.Out.WriteLineAsync(CommandLine.Usage);
            return 0;
        }

        using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(commandLine.Verbose ? LogLevel.Debug : LogLevel.Warning)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            })
            .AddFilter("Microsoft", LogLevel.Warning)
            .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        commandLine.Options.Logger = loggerFactory.CreateLogger("OssEmulator");

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }

        OssEmulator emulator;
        try
        {
            emulator = await OssEmulator.StartAsync(commandLine.Options);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync("error: the emulator could not start: " + ex.Message);
            return ex is ArgumentException ? 2 : 1;
        }

        using X509Certificate2? givenCertificate = commandLine.Options.Certificate;
        await using (emulator)
        {
            await Console.Out.WriteLineAsync("listening: " + emulator.Endpoint.ToString().TrimEnd('/'));
            if (emulator.Certificate is not null)
            {
                await Console.Out.WriteLineAsync("certificate: " + (emulator.CertificatePath ?? commandLine.CertificatePath));
            }

            await Console.Out.FlushAsync();
            await stop.Task;
            await Console.Error.WriteLineAsync("stopping");
        }

        return 0;
    }
}
