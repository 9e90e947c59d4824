using System.Diagnostics;
using OssResumable.Core.Tests.Protocol;
using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Tests.Transfer;

public class NetworkWaitTimerTests
{
    [Fact]
    public void NetworkWaitSeconds_ProcessCompiledCodeDuringTheRequest_IsTheWallTimeLessTheProcessorTime()
    {
        (SimulatedPacingClock clock, SimulatedProcessorClock processor, NetworkWaitTimer timer) = StartTimer(processorSeconds: 5);

        // A fresh process on loopback: 90 ms, 86 of them JIT and HTTP start-up on our own threads.
        clock.NowSeconds += 0.090;
        processor.ProcessorSeconds += 0.086;

        Assert.Equal(0.090, timer.WallSeconds, 9);
        Assert.Equal(0.086, timer.ProcessorSeconds!.Value, 9);
        Assert.Equal(0.004, timer.NetworkWaitSeconds, 9);
    }

    [Fact]
    public void NetworkWaitSeconds_ParallelThreadsUsedMoreProcessorTimeThanWallTime_IsZero()
    {
        (SimulatedPacingClock clock, SimulatedProcessorClock processor, NetworkWaitTimer timer) = StartTimer(processorSeconds: 5);

        clock.NowSeconds += 0.050;
        processor.ProcessorSeconds += 0.095;

        Assert.Equal(0, timer.NetworkWaitSeconds);
    }

    [Fact]
    public void NetworkWaitSeconds_PlatformReportsNoProcessorTime_IsTheWallTime()
    {
        (SimulatedPacingClock clock, _, NetworkWaitTimer timer) = StartTimer(processorSeconds: null);

        clock.NowSeconds += 0.080;

        Assert.Null(timer.ProcessorSeconds);
        Assert.Equal(0.080, timer.NetworkWaitSeconds, 9);
    }

    [Theory]
    [InlineData(0.170, 0.090, 0.080)] // a region 40 ms away, first request of the process: the two round trips remain
    [InlineData(0.080, 0.000, 0.080)]
    [InlineData(0.080, null, 0.080)]
    [InlineData(0.010, 0.030, 0.000)]
    public void NetworkWait_WallAndProcessorTime_IsTheirDifferenceNeverNegative(double wall, double? processor, double expected)
    {
        Assert.Equal(expected, NetworkWaitTimer.NetworkWait(wall, processor), 9);
    }

    [Fact]
    public void ProcessorSeconds_SystemClockWhileThisThreadComputes_Increases()
    {
        double start = SystemProcessorClock.Instance.ProcessorSeconds!.Value;
        var spinning = Stopwatch.StartNew();
        double now = start;

        // Spin until the process's processor time moves (it must, within seconds, on any machine).
        while (now <= start && spinning.Elapsed.TotalSeconds < 30)
        {
            now = SystemProcessorClock.Instance.ProcessorSeconds!.Value;
        }

        Assert.True(now > start, "processor time stayed at " + start + " s for 30 s of spinning");
    }

    private static (SimulatedPacingClock Clock, SimulatedProcessorClock Processor, NetworkWaitTimer Timer) StartTimer(double? processorSeconds)
    {
        var clock = new SimulatedPacingClock();
        var processor = new SimulatedProcessorClock { ProcessorSeconds = processorSeconds };
        return (clock, processor, NetworkWaitTimer.Start(clock, processor));
    }
}
