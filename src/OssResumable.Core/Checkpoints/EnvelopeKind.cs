namespace OssResumable.Core.Checkpoints;

/// <summary>Which file a <see cref="ChecksummedJson"/> envelope is: its format marker, version, and how messages name it.</summary>
internal sealed class EnvelopeKind
{
    public EnvelopeKind(string magic, int currentVersion, string noun, string description)
    {
        Magic = magic;
        CurrentVersion = currentVersion;
        Noun = noun;
        Description = description;
    }

    /// <summary>The value of the <c>format</c> member.</summary>
    public string Magic { get; }

    /// <summary>The version written, and the only one read.</summary>
    public int CurrentVersion { get; }

    /// <summary>How messages name the file: "checkpoint", "upload ID record".</summary>
    public string Noun { get; }

    /// <summary>What a file of this kind is, for "it is not ...".</summary>
    public string Description { get; }
}
