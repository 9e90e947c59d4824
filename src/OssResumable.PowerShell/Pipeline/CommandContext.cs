using System;
using System.Threading;
using OssResumable.PowerShell.Configuration;

namespace OssResumable.PowerShell.Pipeline;

/// <summary>
/// Per-invocation state of a cmdlet that touches the engine: the cancellation source Ctrl+C trips,
/// the message pump and the clients. Kept out of the cmdlet classes so that their fields and
/// properties reference only PowerShell and BCL types (the engine is resolved by the module's own
/// resolver, see Hosting/).
/// </summary>
internal sealed class CommandContext : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>Creates the context.</summary>
    /// <param name="environment">Variables and files for configuration.</param>
    /// <param name="narrateClientRetries">
    /// Whether the clients narrate their retries. The upload engine narrates the retries of its own
    /// requests (with upload context), so the upload cmdlets turn this off to avoid saying it twice.
    /// </param>
    public CommandContext(IConfigurationEnvironment environment, bool narrateClientRetries)
    {
        Pump = new PipelineMessagePump();
        Clients = new ClientProvider(new ConnectionResolver(environment), factory: null, Pump.PostVerbose, narrateClientRetries);
    }

    /// <summary>The pump.</summary>
    public PipelineMessagePump Pump { get; }

    /// <summary>The clients.</summary>
    public ClientProvider Clients { get; }

    /// <summary>Cancelled by <c>StopProcessing</c> (Ctrl+C) or when the pipeline stops downstream.</summary>
    public CancellationToken Cancellation => _cancellation.Token;

    /// <summary>Requests cancellation; safe from any thread, any number of times.</summary>
    public void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // StopProcessing can race with Dispose at the end of the command; nothing left to cancel.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Clients.Dispose();
        Pump.Dispose();
        _cancellation.Dispose();
    }
}
