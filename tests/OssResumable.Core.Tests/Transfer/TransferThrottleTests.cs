using System;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Transfer;

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
}
