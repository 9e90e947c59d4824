using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Tests.Transfer;

/// <summary>Processor time that moves only when told to (null: a platform that does not report it).</summary>
internal sealed class SimulatedProcessorClock : IProcessorClock
{
    public double? ProcessorSeconds { get; set; } = 5;
}
