using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Progress;

namespace OssResumable.PowerShell.Pipeline;

/// <summary>
/// The PowerShell streams as seen by the pump. The cmdlets implement it over <c>Cmdlet.Write*</c>; it
/// must only be called on the pipeline thread, which <see cref="PipelineMessagePump"/> guarantees.
/// </summary>
internal interface IPipelineWriter
{
    /// <summary>Writes an output object.</summary>
    /// <param name="value">The object.</param>
    void WriteObject(object value);

    /// <summary>Writes a verbose message.</summary>
    /// <param name="message">The message (never containing secrets).</param>
    void WriteVerbose(string message);

    /// <summary>Writes a warning.</summary>
    /// <param name="message">The message.</param>
    void WriteWarning(string message);

    /// <summary>Writes a non-terminating error.</summary>
    /// <param name="error">The error.</param>
    void WriteError(ErrorDescriptor error);

    /// <summary>Writes a progress record.</summary>
    /// <param name="bar">The record.</param>
    void WriteProgress(ProgressBar bar);
}
