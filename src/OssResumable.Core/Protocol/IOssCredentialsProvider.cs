using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Protocol;

/// <summary>
/// Supplies credentials for each request attempt, so that expiring STS credentials can be replaced
/// while a long upload runs. Implementations must be thread-safe and should cache.
/// </summary>
public interface IOssCredentialsProvider
{
    /// <summary>Returns the credentials to sign the next request with.</summary>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The current credentials.</returns>
    ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
