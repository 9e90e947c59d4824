namespace OssResumable.PowerShell.Configuration;

/// <summary>
/// The credential-related parameters of a cmdlet, as plain strings (the cmdlet unwraps a
/// <c>PSCredential</c> into <see cref="AccessKeyId"/> and <see cref="AccessKeySecret"/> and sets
/// <see cref="FromCredentialParameter"/>). All null means "look in the environment and files".
/// </summary>
internal sealed class CredentialRequest
{
    /// <summary>AccessKey ID from <c>-AccessKeyId</c> or the user name of <c>-Credential</c>.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>AccessKey secret from <c>-AccessKeySecret</c> or the password of <c>-Credential</c>.</summary>
    public string? AccessKeySecret { get; set; }

    /// <summary>STS token from <c>-SecurityToken</c>.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>True when the ID and secret came from <c>-Credential</c>.</summary>
    public bool FromCredentialParameter { get; set; }

    /// <summary>True when <c>-AccessKeyId</c>/<c>-AccessKeySecret</c> were also given next to <c>-Credential</c>.</summary>
    public bool AccessKeyParametersAlsoGiven { get; set; }

    /// <summary>Profile name from <c>-ProfileName</c>.</summary>
    public string? ProfileName { get; set; }
}
