using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OssResumable.Emulator.Tests.TestSupport;

/// <summary>Collects formatted log lines.</summary>
public sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Lines.Enqueue(logLevel + " " + formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
    }
}
