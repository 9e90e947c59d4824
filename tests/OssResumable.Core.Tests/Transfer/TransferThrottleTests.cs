using System;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Planning;
using OssResumable.Core.Tests.Protocol;
using OssResumable.Core.Transfer;
using OssResumable.Core.Transfer.Internal;

namespace OssResumable.Core.Tests.Transfer;

public class TransferThrottleTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public void Constructor_OutOfRange_Throws(int slots)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransferThrottle(slots));
    }

    [Fact]
    public async Task AcquireAsync_AllSlotsTaken_WaitsUntilOneIsReleased()
    {
        var throttle = new TransferThrottle(2);
        IDisposable first = await throttle.AcquireAsync(CancellationToken.None);
        using IDisposable second = await throttle.AcquireAsync(CancellationToken.None);

        Task<IDisposable> third = throttle.AcquireAsync(CancellationToken.None);

        Assert.False(third.IsCompleted);
        Assert.Equal(2, throttle.InUse);
        first.Dispose();
        using IDisposable lease = await third;
        Assert.Equal(2, throttle.InUse);
    }

    [Fact]
    public async Task Lease_DisposedTwice_ReleasesOnce()
    {
        var throttle = new TransferThrottle(1);
        IDisposable lease = await throttle.AcquireAsync(CancellationToken.None);

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(0, throttle.InUse);
        using IDisposable again = await throttle.AcquireAsync(CancellationToken.None);
        Assert.Equal(1, throttle.InUse);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndTakesNoSlot()
    {
        var throttle = new TransferThrottle(1);
        using IDisposable held = await throttle.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        Task<IDisposable> waiting = throttle.AcquireAsync(cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, throttle.InUse);
    }

    [Fact]
    public async Task AcquireAsync_AdaptiveRaisesItsLimit_GrantsTheWaitingRequests()
    {
        var clock = new SimulatedPacingClock();
        TransferThrottle throttle = TransferThrottle.Adaptive(initial: 2, ceiling: 8, clock);
        var changes = new System.Collections.Generic.List<int>();
        throttle.LimitChanged += (limit, _) => changes.Add(limit);
        TransferSlot first = await throttle.AcquireSlotAsync(CancellationToken.None);
        TransferSlot second = await throttle.AcquireSlotAsync(CancellationToken.None);
        Task<TransferSlot> third = throttle.AcquireSlotAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);

        // The first completed request ends the first window (no limit judged yet): the limit doubles.
        clock.NowSeconds += 1;
        first.OnBytes(1_000_000);
        first.Finish(succeeded: true);

        Assert.Same(third, await Task.WhenAny(third, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal(4, throttle.CurrentLimit);
        Assert.Equal(new[] { 4 }, changes);
        Assert.Equal(2, throttle.InUse);
        second.Dispose();
        (await third).Dispose();
        Assert.Equal(0, throttle.InUse);
    }

    [Fact]
    public async Task OnWorkOffered_AdaptiveBeforeAnyMeasurement_LiftsTheLimitAndGrantsTheWaiting()
    {
        var clock = new SimulatedPacingClock();
        TransferThrottle throttle = TransferThrottle.Adaptive(initial: 1, ceiling: 16, maxStart: 4, clock);
        TransferSlot first = await throttle.AcquireSlotAsync(CancellationToken.None);
        Task<TransferSlot> second = throttle.AcquireSlotAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        throttle.OnWorkOffered(100, null);

        Assert.Same(second, await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal(4, throttle.CurrentLimit);
        first.Dispose();
        (await second).Dispose();
    }

    [Theory]
    [InlineData(0.090, 0.086, 8)] // a fresh process on loopback: its first request was JIT, not a far link
    [InlineData(0.170, 0.090, 40)] // a fresh process, a region 40 ms away: the two round trips of a new connection
    [InlineData(0.300, 0.000, 128)] // a warm process, a region 150 ms away
    public void OnWorkOffered_AdaptiveAfterATimedControlRequest_StartsFromTheNetworkWaitNotTheProcessorTime(double wall, double processor, int expected)
    {
        var clock = new SimulatedPacingClock();
        var cpu = new SimulatedProcessorClock();
        TransferThrottle throttle = TransferThrottle.Adaptive(initial: 8, ceiling: 256, maxStart: 128, clock, cpu);
        NetworkWaitTimer timer = throttle.StartNetworkWaitTimer();
        clock.NowSeconds += wall;
        cpu.ProcessorSeconds += processor;

        throttle.OnWorkOffered(128, timer.NetworkWaitSeconds);

        Assert.Equal(expected, throttle.CurrentLimit);
    }

    [Fact]
    public void OnWorkOffered_Fixed_ChangesNothing()
    {
        var throttle = new TransferThrottle(3);

        throttle.OnWorkOffered(100, null);

        Assert.Equal(3, throttle.CurrentLimit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public void Adaptive_MaxStartOutOfRange_Throws(int maxStart)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TransferThrottle.Adaptive(maxStart));
    }

    [Fact]
    public void Adaptive_StartsAtTheDefaultAndCapsAtTheThreadLimit()
    {
        TransferThrottle throttle = TransferThrottle.Adaptive();

        Assert.True(throttle.IsAdaptive);
        Assert.Equal(TransferThrottle.AdaptiveInitialConcurrency, throttle.CurrentLimit);
        Assert.Equal(UploadLimits.MaxThreads, throttle.MaxConcurrency);
        throttle.OnWorkOffered(10_000, null);
        Assert.Equal(TransferThrottle.AdaptiveMaxStartConcurrency, throttle.CurrentLimit);
    }

    [Fact]
    public void CurrentLimit_Fixed_IsTheGivenCount()
    {
        var throttle = new TransferThrottle(7);

        Assert.False(throttle.IsAdaptive);
        Assert.Equal(7, throttle.CurrentLimit);
    }
}
