using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using OssResumable.PowerShell.Errors;

namespace OssResumable.PowerShell.Pipeline;

/// <summary>
/// Carries output, verbose, warning and error messages from worker threads to the pipeline thread.
/// PowerShell only accepts <c>Write*</c> calls from the thread running BeginProcessing/ProcessRecord/
/// EndProcessing (PowerShell#10452), so workers <see cref="Post"/> and the cmdlet thread
/// <see cref="RunUntil"/> the work is done, executing messages in the order they were posted and
/// calling a tick callback (progress) at least every <see cref="TickInterval"/>.
/// </summary>
internal sealed class PipelineMessagePump : IDisposable
{
    /// <summary>How long the pipeline thread waits for a message before it ticks anyway.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentQueue<Action<IPipelineWriter>> _queue = new();

    // Set when a message is posted or the awaited work ends. Spin count 0: the pipeline thread blocks at
    // once instead of spinning (sched_yield) while a worker is busy for a millisecond or more.
    private readonly ManualResetEventSlim _posted = new(false, 0);
    private int _pipelineThreadId = -1;
    private volatile bool _disposed;

    /// <summary>
    /// Posts a message; any thread. Messages run on the pipeline thread in posting order. After the command
    /// has ended (the pump is disposed) there is no stream left to write to and the message is dropped.
    /// </summary>
    /// <param name="message">What to write.</param>
    public void Post(Action<IPipelineWriter> message)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        if (_disposed)
        {
            // The command ended; see the summary.
            return;
        }

        _queue.Enqueue(message);
        TryWake();
    }

    /// <summary>Posts an output object.</summary>
    /// <param name="value">The object.</param>
    public void PostObject(object value) => Post(w => w.WriteObject(value));

    /// <summary>Posts a verbose message.</summary>
    /// <param name="message">The message.</param>
    public void PostVerbose(string message) => Post(w => w.WriteVerbose(message));

    /// <summary>Posts a warning.</summary>
    /// <param name="message">The message.</param>
    public void PostWarning(string message) => Post(w => w.WriteWarning(message));

    /// <summary>Posts a non-terminating error.</summary>
    /// <param name="error">The error.</param>
    public void PostError(ErrorDescriptor error) => Post(w => w.WriteError(error));

    /// <summary>
    /// On the pipeline thread: executes messages and ticks until <paramref name="task"/> has completed
    /// and every message posted before its completion has been written. Does not observe the task's
    /// exception (the caller awaits it). An exception thrown by the writer (e.g. the pipeline is
    /// stopping) propagates at once; the caller must then cancel and wait for its work.
    /// </summary>
    /// <param name="task">The work.</param>
    /// <param name="writer">The streams.</param>
    /// <param name="tick">Called after each batch of messages and at least every <see cref="TickInterval"/>, or null.</param>
    public void RunUntil(Task task, IPipelineWriter writer, Action<IPipelineWriter>? tick)
    {
        if (task is null)
        {
            throw new ArgumentNullException(nameof(task));
        }

        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        RememberPipelineThread();

        // Wake the loop as soon as the work ends instead of at the next tick.
        task.ContinueWith(_ => TryWake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (true)
        {
            bool completed = task.IsCompleted;
            if (!completed && _queue.IsEmpty)
            {
                // Reset, then look again: a message posted (or the work ending) after the reset sets the event.
                _posted.Reset();
                if (_queue.IsEmpty && !task.IsCompleted)
                {
                    _posted.Wait(TickInterval);
                }
            }

            Drain(writer);
            tick?.Invoke(writer);
            if (completed)
            {
                // Everything posted before the task completed is in the queue now; write it and stop.
                Drain(writer);
                return;
            }
        }
    }

    /// <summary>On the pipeline thread: writes every message already posted, without waiting (nothing once disposed).</summary>
    /// <param name="writer">The streams.</param>
    /// <returns>How many messages were written.</returns>
    public int Drain(IPipelineWriter writer)
    {
        RememberPipelineThread();
        if (_disposed)
        {
            return 0;
        }

        int count = 0;
        while (_queue.TryDequeue(out Action<IPipelineWriter>? message))
        {
            message(writer);
            count++;
        }

        return count;
    }

    /// <summary>
    /// After the command's own processing has ended (from <c>Dispose</c>, when the pipeline stopped while work
    /// was still running): waits up to <paramref name="timeout"/> for the work, executing its messages as they
    /// come, then whatever is left. No thread check: no other thread drains at that point, and the thread
    /// PowerShell disposes commands on is not guaranteed to be the pipeline thread.
    /// </summary>
    /// <param name="task">The work (already cancelled).</param>
    /// <param name="writer">Where the last messages go (the host, since the pipeline no longer accepts writes).</param>
    /// <param name="timeout">How long to wait for the work.</param>
    /// <returns>True when the work completed in time.</returns>
    public bool DrainFinal(Task task, IPipelineWriter writer, TimeSpan timeout)
    {
        if (task is null)
        {
            throw new ArgumentNullException(nameof(task));
        }

        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        if (_disposed)
        {
            // The command has ended: nothing was kept to write.
            return task.IsCompleted;
        }

        task.ContinueWith(_ => TryWake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var deadline = DateTime.UtcNow + timeout;
        while (!task.IsCompleted)
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            _posted.Reset();
            if (_queue.IsEmpty && !task.IsCompleted)
            {
                _posted.Wait(left < TickInterval ? left : TickInterval);
            }

            while (_queue.TryDequeue(out Action<IPipelineWriter>? message))
            {
                message(writer);
            }
        }

        while (_queue.TryDequeue(out Action<IPipelineWriter>? message))
        {
            message(writer);
        }

        return task.IsCompleted;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _posted.Dispose();
        while (_queue.TryDequeue(out _))
        {
            // Nothing is left to write to: drop what was posted.
        }
    }

    private void TryWake()
    {
        try
        {
            _posted.Set();
        }
        catch (ObjectDisposedException)
        {
            // The command ended and disposed the pump; nobody waits any more.
        }
    }

    // The pump must be drained by one thread only; a second thread means a cmdlet bug, caught early.
    private void RememberPipelineThread()
    {
        int current = Environment.CurrentManagedThreadId;
        int previous = Interlocked.CompareExchange(ref _pipelineThreadId, current, -1);
        if (previous != -1 && previous != current)
        {
            throw new InvalidOperationException("The message pump was drained from two different threads; only the pipeline thread may write.");
        }
    }
}
