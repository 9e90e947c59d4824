using System;

namespace OssResumable.Emulator.Faults;

/// <summary>The combined effect of every fault rule that fired on one request.</summary>
internal sealed class FaultPlan
{
    public static readonly FaultPlan None = new();

    public FaultRule? Error { get; set; }

    public long? ResetAfterBytes { get; set; }

    public TimeSpan Delay { get; set; }

    public long BytesPerSecond { get; set; }

    public bool VanishUpload { get; set; }

    public bool CorruptCrc { get; set; }

    public bool DropResponse { get; set; }

    public bool IsEmpty => ReferenceEquals(this, None);
}
