using System;

namespace OssResumable.Emulator;

/// <summary>
/// An AccessKey pair the emulator accepts. With <see cref="SecurityToken"/> set it behaves like an
/// STS credential: every request signed with this AccessKey ID must carry exactly that token.
/// </summary>
/// <remarks><see cref="ToString"/> never shows the secret or the token.</remarks>
public sealed class EmulatorCredential
{
    /// <summary>Creates a credential.</summary>
    /// <param name="accessKeyId">The AccessKey ID (no <c>:</c>, <c>/</c>, <c>,</c> or whitespace).</param>
    /// <param name="accessKeySecret">The AccessKey secret.</param>
    /// <param name="securityToken">The STS security token requests must carry, or null for a permanent key.</param>
    /// <param name="tokenExpires">When the token stops being accepted (<c>SecurityTokenExpired</c>), or null for never.</param>
    /// <exception cref="ArgumentException">The ID or secret is empty or the ID contains a reserved character.</exception>
    public EmulatorCredential(string accessKeyId, string accessKeySecret, string? securityToken = null, DateTimeOffset? tokenExpires = null)
    {
        if (string.IsNullOrEmpty(accessKeyId) || accessKeyId.AsSpan().IndexOfAny(":/, \t") >= 0)
        {
            throw new ArgumentException("The AccessKey ID must be non-empty and contain no ':', '/', ',' or whitespace.", nameof(accessKeyId));
        }

        if (string.IsNullOrEmpty(accessKeySecret))
        {
            throw new ArgumentException("The AccessKey secret must be non-empty.", nameof(accessKeySecret));
        }

        if (securityToken is not null && securityToken.Length == 0)
        {
            throw new ArgumentException("The security token must be null or non-empty.", nameof(securityToken));
        }

        if (tokenExpires is not null && securityToken is null)
        {
            throw new ArgumentException("A token expiry needs a security token.", nameof(tokenExpires));
        }

        AccessKeyId = accessKeyId;
        AccessKeySecret = accessKeySecret;
        SecurityToken = securityToken;
        TokenExpires = tokenExpires;
    }

    /// <summary>The AccessKey ID.</summary>
    public string AccessKeyId { get; }

    /// <summary>The AccessKey secret.</summary>
    public string AccessKeySecret { get; }

    /// <summary>The STS token requests with this AccessKey ID must carry, or null.</summary>
    public string? SecurityToken { get; }

    /// <summary>When the STS token expires (emulator time, see <see cref="OssEmulator.UtcNow"/>), or null.</summary>
    public DateTimeOffset? TokenExpires { get; }

    /// <summary>Describes the credential without its secret or token.</summary>
    /// <returns>For example <c>EmulatorCredential ak (STS)</c>.</returns>
    public override string ToString() => "EmulatorCredential " + AccessKeyId + (SecurityToken is null ? string.Empty : " (STS)");
}
