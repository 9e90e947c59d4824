using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace OssResumable.Emulator.Http;

/// <summary>
/// Replaces the console lifetime so an in-process emulator never hooks the test process's Ctrl+C or
/// SIGTERM; the CLI handles signals itself.
/// </summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
