using System;
using System.Collections.Generic;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Pipeline;
using OssResumable.PowerShell.Progress;

namespace OssResumable.PowerShell.Tests.Fakes;

/// <summary>Records what would be written to PowerShell's streams, and on which thread.</summary>
internal sealed class RecordingWriter : IPipelineWriter
{
    public List<object> Objects { get; } = new();

    public List<string> Verbose { get; } = new();

    public List<string> Warnings { get; } = new();

    public List<ErrorDescriptor> Errors { get; } = new();

    public List<ProgressBar> Progress { get; } = new();

    public HashSet<int> Threads { get; } = new();

    /// <summary>Thrown by the next WriteObject (simulates a stopping pipeline).</summary>
    public Exception? ThrowOnWriteObject { get; set; }

    public void WriteObject(object value)
    {
        Threads.Add(Environment.CurrentManagedThreadId);
        if (ThrowOnWriteObject is Exception ex)
        {
            throw ex;
        }

        Objects.Add(value);
    }

    public void WriteVerbose(string message)
    {
        Threads.Add(Environment.CurrentManagedThreadId);
        Verbose.Add(message);
    }

    public void WriteWarning(string message)
    {
        Threads.Add(Environment.CurrentManagedThreadId);
        Warnings.Add(message);
    }

    public void WriteError(ErrorDescriptor error)
    {
        Threads.Add(Environment.CurrentManagedThreadId);
        Errors.Add(error);
    }

    public void WriteProgress(ProgressBar bar)
    {
        Threads.Add(Environment.CurrentManagedThreadId);
        Progress.Add(bar);
    }
}
