namespace OssResumable.PowerShell.Configuration;

/// <summary>Why <see cref="OssConfigurationException"/> was thrown.</summary>
public enum OssConfigurationFailure
{
    /// <summary>No source had any credentials.</summary>
    CredentialsNotFound,

    /// <summary>No endpoint or region was given anywhere.</summary>
    EndpointNotFound,

    /// <summary>A parameter, variable or file is incomplete, contradictory or unsupported.</summary>
    Invalid,
}
