using System;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Pipeline;
using OssResumable.PowerShell.Tests.Fakes;

namespace OssResumable.PowerShell.Tests.Pipeline;

public class PipelineMessagePumpTests
{
    [Fact]
    public void RunUntil_MessagesFromWorkers_AreWrittenOnThePumpingThreadInOrder()
    {
        using var pump = new PipelineMessagePump();
        var writer = new RecordingWriter();
        int pipelineThread = Environment.CurrentManagedThreadId;
        Task work = Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                pump.PostObject(i);
                if (i % 10 == 0)
                {
                    pump.PostVerbose("at " + i);
                    await Task.Delay(1);
                }
            }

            pump.PostWarning("done");
            pump.PostError(ErrorMapper.Map(new InvalidOperationException("x"), new ErrorContext()));
        });

        pump.RunUntil(work, writer, tick: null);

        Assert.Equal(50, writer.Objects.Count);
        Assert.Equal(0, writer.Objects[0]);
        Assert.Equal(49, writer.Objects[49]);
        Assert.Equal(5, writer.Verbose.Count);
        Assert.Equal("done", Assert.Single(writer.Warnings));
        Assert.Single(writer.Errors);
        Assert.Equal(pipelineThread, Assert.Single(writer.Threads));
    }

    [Fact]
    public async Task RunUntil_TicksWhileWaitingAndAfterTheLastMessage()
    {
        using var pump = new PipelineMessagePump();
        var release = new ManualResetEventSlim();
        int ticks = 0;
        Task work = Task.Run(() => release.Wait());

        Task ender = Task.Run(async () =>
        {
            while (Volatile.Read(ref ticks) < 2)
            {
                await Task.Delay(10);
            }

            release.Set();
        });
        pump.RunUntil(work, new RecordingWriter(), _ => Interlocked.Increment(ref ticks));

        Assert.True(ticks >= 3);
        Assert.True(work.IsCompleted);
        await ender;
    }

    [Fact]
    public void RunUntil_FaultedWork_ReturnsWithoutObservingTheFailure()
    {
        using var pump = new PipelineMessagePump();
        var writer = new RecordingWriter();
        Task work = Task.Run(() =>
        {
            pump.PostVerbose("before");
            throw new InvalidOperationException("boom");
        });

        pump.RunUntil(work, writer, null);

        Assert.Equal("before", Assert.Single(writer.Verbose));
        Assert.True(work.IsFaulted);
    }

    [Fact]
    public async Task RunUntil_WriterThrows_PropagatesAtOnce()
    {
        using var pump = new PipelineMessagePump();
        var writer = new RecordingWriter { ThrowOnWriteObject = new OperationCanceledException("pipeline stopped") };
        var release = new ManualResetEventSlim();
        pump.PostObject("x");
        Task work = Task.Run(() => release.Wait());

        Assert.Throws<OperationCanceledException>(() => pump.RunUntil(work, writer, null));

        release.Set();
        await work;
    }

    [Fact]
    public void Drain_FromASecondThread_IsRefused()
    {
        using var pump = new PipelineMessagePump();
        pump.Drain(new RecordingWriter());
        Exception? error = null;

        // A dedicated thread: a pool thread could be the test's own thread.
        var other = new Thread(() => error = Record.Exception(() => pump.Drain(new RecordingWriter())));
        other.Start();
        other.Join();

        Assert.IsType<InvalidOperationException>(error);
    }
    [Fact]
    public void DrainFinal_FromAnotherThread_WaitsForTheWorkAndWritesEverything()
    {
        using var pump = new PipelineMessagePump();
        pump.Drain(new RecordingWriter());
        using var release = new ManualResetEventSlim();
        Task work = Task.Run(() =>
        {
            pump.PostWarning("first");
            release.Wait();
            pump.PostWarning("resume with ...");
        });
        var writer = new RecordingWriter();
        bool completed = false;

        var other = new Thread(() => completed = pump.DrainFinal(work, writer, TimeSpan.FromMinutes(1)));
        other.Start();
        release.Set();
        other.Join();

        Assert.True(completed);
        Assert.Equal(new[] { "first", "resume with ..." }, writer.Warnings);
    }

    [Fact]
    public void DrainFinal_WorkThatDoesNotEnd_ReturnsAtTheTimeoutWithWhatWasPosted()
    {
        using var pump = new PipelineMessagePump();
        var never = new TaskCompletionSource();
        pump.PostWarning("saved");
        var writer = new RecordingWriter();

        Assert.False(pump.DrainFinal(never.Task, writer, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(new[] { "saved" }, writer.Warnings);
    }

    [Fact]
    public void Post_AfterDispose_IsDropped()
    {
        var pump = new PipelineMessagePump();
        pump.Dispose();
        var writer = new RecordingWriter();

        Assert.Null(Record.Exception(() => pump.PostWarning("late")));
        Assert.Equal(0, pump.Drain(writer));
        Assert.False(pump.DrainFinal(new TaskCompletionSource().Task, writer, TimeSpan.FromMilliseconds(10)));
        Assert.Empty(writer.Warnings);
    }
}
