namespace OssResumable.Core.Transfer.Internal;

/// <summary>The processor time this process has used: real in use, simulated in tests.</summary>
internal interface IProcessorClock
{
    /// <summary>
    /// Processor seconds (user and kernel, all threads) the process has used since it started, or null where the
    /// platform does not tell.
    /// </summary>
    double? ProcessorSeconds { get; }
}
