using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Tests.Protocol;

public class PacingTimerTests
{
    // Generous bounds for waiting on another thread: never a timing assertion, only "it happened at all".
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DelayAsync_Elapsed_ContinuesOnTheTimersOwnThreadNotThePool()
    {
        var timer = new PacingTimer("pacing-test-thread");

        (string? name, bool pool) = await ThreadAfterDelayAsync(timer);

        Assert.Equal("pacing-test-thread", name);
        Assert.False(pool);
    }

    [Fact]
    public void DelayAsync_ZeroOrNegative_CompletesAtOnceWithoutAThread()
    {
        var timer = new PacingTimer("pacing-test");

        Assert.True(timer.DelayAsync(TimeSpan.Zero, CancellationToken.None).IsCompleted);
        Assert.True(timer.DelayAsync(TimeSpan.FromSeconds(-1), CancellationToken.None).IsCompleted);
        Assert.False(timer.IsRunning);
    }

    [Fact]
    public async Task DelayUntilAsync_SeveralWaitsDueTogether_OneWakeUpReleasesThemAllInDueOrder()
    {
        var timer = new PacingTimer("pacing-test");
        using var gate = new ManualResetEventSlim();
        var order = new ConcurrentQueue<int>();

        // Hold the timer's thread inside a continuation while the others queue, so that all of them are due
        // when it next looks (deterministic, whatever the machine's load).
        Task holding = await HoldTimerThreadAsync(timer, gate);
        long wakeUpsBefore = timer.WakeUps;
        long past = Stopwatch.GetTimestamp();
        Task[] waits =
        {
            Record(timer, past - 1, 3, order),
            Record(timer, past - 3, 1, order),
            Record(timer, past - 2, 2, order),
        };
        gate.Set();

        await Task.WhenAll(waits);
        await holding;
        Assert.Equal(new[] { 1, 2, 3 }, order.ToArray());
        Assert.Equal(wakeUpsBefore + 1, timer.WakeUps);
    }

    [Fact]
    public async Task DelayAsync_CancelledWhileWaiting_IsCancelledAndLeavesNothingQueued()
    {
        var timer = new PacingTimer("pacing-test");
        using var cancel = new CancellationTokenSource();
        Task wait = timer.DelayAsync(TimeSpan.FromHours(1), cancel.Token);
        Assert.Equal(1, timer.Pending);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(0, timer.Pending);
    }

    [Fact]
    public async Task DelayAsync_AlreadyCancelled_IsCancelledWithoutQueueing()
    {
        var timer = new PacingTimer("pacing-test");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => timer.DelayAsync(TimeSpan.FromSeconds(1), cancel.Token));
        Assert.Equal(0, timer.Pending);
    }

    [Fact]
    public async Task DelayAsync_AfterTheThreadExitedWhenIdle_StartsItAgain()
    {
        var timer = new PacingTimer("pacing-test", idleExitMilliseconds: 20);
        await timer.DelayAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None);
        await WaitUntilAsync(() => !timer.IsRunning);

        await timer.DelayAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None);

        Assert.Equal(2, timer.WakeUps);
    }

    [Fact]
    public async Task DelayAsync_ManyWritersFromManyThreads_AllComplete()
    {
        var timer = new PacingTimer("pacing-test");
        var waits = new Task[200];
        Parallel.For(0, waits.Length, i => waits[i] = timer.DelayAsync(TimeSpan.FromMilliseconds(1 + (i % 7)), CancellationToken.None));

        await Task.WhenAll(waits);

        Assert.Equal(0, timer.Pending);
    }

    private static async Task<(string? Name, bool Pool)> ThreadAfterDelayAsync(PacingTimer timer)
    {
        await timer.DelayAsync(TimeSpan.FromMilliseconds(5), CancellationToken.None).ConfigureAwait(false);
        return (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
    }

    private static async Task Record(PacingTimer timer, long due, int id, ConcurrentQueue<int> order)
    {
        await timer.DelayUntilAsync(due, CancellationToken.None).ConfigureAwait(false);
        order.Enqueue(id);
    }

    // Returns once a continuation of the timer holds its thread until the gate opens (the task it returns ends
    // then). A wait that completed before its continuation was attached would run that continuation elsewhere:
    // then it tries again.
    private static async Task<Task> HoldTimerThreadAsync(PacingTimer timer, ManualResetEventSlim gate)
    {
        while (true)
        {
            var onTimerThread = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Task holding = Task.Run(async () =>
            {
                await timer.DelayAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None).ConfigureAwait(false);
                bool onTimer = !Thread.CurrentThread.IsThreadPoolThread;
                onTimerThread.SetResult(onTimer);
                if (onTimer)
                {
                    gate.Wait(Eventually);
                }
            });
            if (await onTimerThread.Task)
            {
                return holding;
            }

            await holding;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Eventually;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true");
            await Task.Delay(5);
        }
    }
}
