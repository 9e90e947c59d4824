using System.Management.Automation;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Pipeline;
using OssResumable.PowerShell.Progress;

namespace OssResumable.PowerShell.Commands;

/// <summary>The PowerShell streams of a cmdlet, for the message pump (pipeline thread only).</summary>
internal sealed class CmdletPipelineWriter : IPipelineWriter
{
    private readonly PSCmdlet _cmdlet;

    public CmdletPipelineWriter(PSCmdlet cmdlet)
    {
        _cmdlet = cmdlet;
    }

    // After Ctrl+C PowerShell refuses every Write* (and would discard the output anyway). Dropping what
    // remains lets the pump keep running until the uploads have stopped and saved their checkpoints,
    // and lets the resume warnings through (see WriteWarning).
    public void WriteObject(object value)
    {
        if (!_cmdlet.Stopping)
        {
            _cmdlet.WriteObject(value);
        }
    }

    public void WriteVerbose(string message)
    {
        if (!_cmdlet.Stopping)
        {
            _cmdlet.WriteVerbose(message);
        }
    }

    public void WriteWarning(string message)
    {
        if (_cmdlet.Stopping)
        {
            // After Ctrl+C the pipeline refuses every Write*, but the warning that says how to resume
            // is the one message the user must see: write it to the host directly.
            _cmdlet.Host?.UI?.WriteWarningLine(message);
            return;
        }

        _cmdlet.WriteWarning(message);
    }

    public void WriteError(ErrorDescriptor error)
    {
        if (!_cmdlet.Stopping)
        {
            _cmdlet.WriteError(ErrorRecords.Create(error));
        }
    }

    public void WriteProgress(ProgressBar bar)
    {
        if (_cmdlet.Stopping)
        {
            return;
        }

        var record = new ProgressRecord(bar.ActivityId, bar.Activity, bar.StatusDescription)
        {
            ParentActivityId = bar.ParentActivityId,
            PercentComplete = bar.PercentComplete,
            SecondsRemaining = bar.SecondsRemaining,
            RecordType = bar.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        _cmdlet.WriteProgress(record);
    }
}
