using System;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.Core.Protocol;

/// <summary>A provider that always returns the same credentials.</summary>
internal sealed class StaticOssCredentialsProvider : IOssCredentialsProvider
{
    private readonly OssCredentials _credentials;

    /// <summary>Creates the provider.</summary>
    /// <param name="credentials">The credentials to return.</param>
    public StaticOssCredentialsProvider(OssCredentials credentials)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
    }

    /// <inheritdoc />
    public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => new(_credentials);

    /// <inheritdoc />
    public override string ToString() => "StaticOssCredentialsProvider(" + _credentials + ")";
}
