using System.Management.Automation;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Pipeline;
using OssResumable.PowerShell.Progress;

namespace OssResumable.PowerShell.Commands;

/// <summary>
/// The streams after the pipeline has ended (the cmdlet is being disposed while uploads still stop): only
/// the host is left, so warnings (how to resume) and errors are written to it and everything else is dropped.
/// </summary>
internal sealed class HostWarningWriter : IPipelineWriter
{
    private readonly PSCmdlet _cmdlet;

    public HostWarningWriter(PSCmdlet cmdlet)
    {
        _cmdlet = cmdlet;
    }

    public void WriteObject(object value)
    {
    }

    public void WriteVerbose(string message)
    {
    }

    public void WriteWarning(string message) => _cmdlet.Host?.UI?.WriteWarningLine(message);

    public void WriteError(ErrorDescriptor error) =>
        _cmdlet.Host?.UI?.WriteErrorLine(error.ErrorId + ": " + error.Exception.Message + (error.RecommendedAction is null ? string.Empty : " " + error.RecommendedAction));

    public void WriteProgress(ProgressBar bar)
    {
    }
}
