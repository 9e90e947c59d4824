namespace OssResumable.PowerShell.Configuration;

/// <summary>What one profile of a configuration file holds (values may be null).</summary>
internal sealed class ProfileSettings
{
    /// <summary>Describes the profile for messages, e.g. "profile 'default' of /home/u/.ossutilconfig".</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>AccessKey ID.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>AccessKey secret.</summary>
    public string? AccessKeySecret { get; set; }

    /// <summary>STS token.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>Endpoint.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Region id.</summary>
    public string? Region { get; set; }
}
