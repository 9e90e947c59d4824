using System;

namespace OssResumable.PowerShell.Uploads;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the reporting thread. <c>Progress&lt;T&gt;</c>
/// would post to a synchronization context or the thread pool, reordering and delaying reports.
/// </summary>
/// <typeparam name="T">The report type.</typeparam>
internal sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly Action<T> _handler;

    public SynchronousProgress(Action<T> handler)
    {
        _handler = handler;
    }

    public void Report(T value) => _handler(value);
}
