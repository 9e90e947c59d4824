using System;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// How the requests of a checkpointed upload were signed and addressed, beyond its endpoint: the signing
/// region, the signature version and path-style addressing. Recorded so that a resume (or an abort) from
/// the checkpoint signs exactly as the upload did, without the user repeating <c>-Region</c> for an
/// endpoint that names no region (an IP, a CNAME, a private OSS). Holds nothing secret.
/// </summary>
public sealed class CheckpointConnection
{
    /// <summary>Creates the record.</summary>
    /// <param name="region">The region requests were signed for (V4), or null when none was used.</param>
    /// <param name="signatureVersion">The signature version.</param>
    /// <param name="pathStyle">True when requests used path-style addressing.</param>
    /// <exception cref="ArgumentException">The region is not a region id, or the version is neither V1 nor V4.</exception>
    public CheckpointConnection(string? region, OssSignatureVersion signatureVersion, bool pathStyle)
    {
        if (region is not null && !IsRegionId(region))
        {
            throw new ArgumentException("The region must be a region id such as cn-hangzhou (lowercase letters, digits and '-').", nameof(region));
        }

        if (signatureVersion != OssSignatureVersion.V1 && signatureVersion != OssSignatureVersion.V4)
        {
            throw new ArgumentException("The signature version must be V1 or V4.", nameof(signatureVersion));
        }

        Region = region;
        SignatureVersion = signatureVersion;
        PathStyle = pathStyle;
    }

    /// <summary>The region requests were signed for, or null.</summary>
    public string? Region { get; }

    /// <summary>The signature version.</summary>
    public OssSignatureVersion SignatureVersion { get; }

    /// <summary>True when requests used path-style addressing (<c>host/bucket/key</c>).</summary>
    public bool PathStyle { get; }

    /// <summary>What a client signs and addresses with.</summary>
    /// <param name="client">The client.</param>
    /// <returns>The record.</returns>
    public static CheckpointConnection Of(IOssClient client)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        return new CheckpointConnection(client.SigningRegion, client.SignatureVersion, client.UsesPathStyle);
    }

    private static bool IsRegionId(string region)
    {
        if (region.Length == 0)
        {
            return false;
        }

        foreach (char c in region)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
