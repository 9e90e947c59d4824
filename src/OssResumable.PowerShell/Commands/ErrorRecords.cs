using System.Management.Automation;
using OssResumable.PowerShell.Errors;

namespace OssResumable.PowerShell.Commands;

/// <summary>Builds <see cref="ErrorRecord"/>s from descriptors.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord Create(ErrorDescriptor error)
    {
        var record = new ErrorRecord(error.Exception, error.ErrorId, (ErrorCategory)(int)error.Category, error.TargetObject);
        if (error.RecommendedAction is not null || !string.Equals(error.Message, error.Exception.Message, System.StringComparison.Ordinal))
        {
            record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = error.RecommendedAction };
        }

        return record;
    }
}
