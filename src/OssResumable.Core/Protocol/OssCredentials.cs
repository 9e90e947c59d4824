using System;

namespace OssResumable.Core.Protocol;

/// <summary>
/// An AccessKey pair, optionally with an STS security token. <see cref="ToString"/> shows only the
/// AccessKey ID; the secret and the token never appear in text output.
/// </summary>
public sealed class OssCredentials : IEquatable<OssCredentials>
{
    /// <summary>Creates credentials.</summary>
    /// <param name="accessKeyId">AccessKey ID.</param>
    /// <param name="accessKeySecret">AccessKey secret.</param>
    /// <param name="securityToken">STS security token, or null for a permanent AccessKey.</param>
    /// <exception cref="ArgumentException">The ID or secret is empty, or a value contains a line break.</exception>
    public OssCredentials(string accessKeyId, string accessKeySecret, string? securityToken = null)
    {
        if (string.IsNullOrWhiteSpace(accessKeyId))
        {
            throw new ArgumentException("The AccessKey ID is empty. Supply the AccessKey ID of a RAM user or STS credentials.", nameof(accessKeyId));
        }

        if (string.IsNullOrEmpty(accessKeySecret))
        {
            throw new ArgumentException("The AccessKey secret is empty. Supply the secret that belongs to the AccessKey ID.", nameof(accessKeySecret));
        }

        // Values end up in HTTP headers; a CR/LF would corrupt the request (and could smuggle headers).
        if (HasLineBreak(accessKeyId) || HasLineBreak(accessKeySecret) || (securityToken is not null && HasLineBreak(securityToken)))
        {
            throw new ArgumentException("Credentials must not contain line breaks; check for a trailing newline copied from a file.", nameof(accessKeyId));
        }

        AccessKeyId = accessKeyId.Trim();
        AccessKeySecret = accessKeySecret;
        SecurityToken = string.IsNullOrEmpty(securityToken) ? null : securityToken;
    }

    /// <summary>AccessKey ID.</summary>
    public string AccessKeyId { get; }

    /// <summary>AccessKey secret. Never log it.</summary>
    public string AccessKeySecret { get; }

    /// <summary>STS security token, or null. Never log it.</summary>
    public string? SecurityToken { get; }

    /// <inheritdoc />
    public bool Equals(OssCredentials? other) =>
        other is not null &&
        string.Equals(AccessKeyId, other.AccessKeyId, StringComparison.Ordinal) &&
        string.Equals(AccessKeySecret, other.AccessKeySecret, StringComparison.Ordinal) &&
        string.Equals(SecurityToken, other.SecurityToken, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as OssCredentials);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(AccessKeyId);

    /// <summary>Describes the credentials without revealing the secret or the token.</summary>
    /// <returns>Text such as <c>OssCredentials(AccessKeyId=LTAI..., Secret=***, SecurityToken=***)</c>.</returns>
    public override string ToString() =>
        "OssCredentials(AccessKeyId=" + AccessKeyId + ", Secret=***" + (SecurityToken is null ? ", no SecurityToken)" : ", SecurityToken=***)");

    private static bool HasLineBreak(string value) => value.IndexOf('\r') >= 0 || value.IndexOf('\n') >= 0;
}
