using System;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// Times a request as the wait for the network: its wall-clock time less the processor time the process used
/// meanwhile. The first request of a process also compiles the code it runs (JIT) and starts the HTTP stack,
/// 50–200 ms of our own CPU that would otherwise read as a far link; the link's round trips use none. Other
/// work of the process in the same time (another file's parts, the runtime's background compilation, garbage
/// collection) is subtracted too, so the result errs short, never long: what it feeds (the width of an
/// adaptive start) is then narrower, and the measurements widen it.
/// </summary>
internal readonly struct NetworkWaitTimer
{
    private readonly IPacingClock _clock;
    private readonly IProcessorClock _processor;
    private readonly double _startedAt;
    private readonly double? _processorAtStart;

    private NetworkWaitTimer(IPacingClock clock, IProcessorClock processor)
    {
        _clock = clock;
        _processor = processor;
        _startedAt = clock.NowSeconds;
        _processorAtStart = processor.ProcessorSeconds;
    }

    /// <summary>Starts timing now.</summary>
    public static NetworkWaitTimer Start(IPacingClock clock, IProcessorClock processor) => new(clock, processor);

    /// <summary>
    /// The wait for the network from <paramref name="wallSeconds"/> of wall-clock time of which the process used
    /// <paramref name="processorSeconds"/> of processor time (null: unknown, the wall-clock time counts); never negative
    /// (threads running in parallel use more processor time than wall-clock time).
    /// </summary>
    public static double NetworkWait(double wallSeconds, double? processorSeconds) =>
        Math.Max(0, wallSeconds - Math.Max(0, processorSeconds ?? 0));

    /// <summary>Wall-clock seconds since the start.</summary>
    public double WallSeconds => _clock.NowSeconds - _startedAt;

    /// <summary>Processor seconds the process used since the start, or null when the platform does not tell.</summary>
    public double? ProcessorSeconds => _processorAtStart is double start && _processor.ProcessorSeconds is double now ? now - start : null;

    /// <summary>The wait for the network since the start (see <see cref="NetworkWait"/>).</summary>
    public double NetworkWaitSeconds => NetworkWait(WallSeconds, ProcessorSeconds);
}
