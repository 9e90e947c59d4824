using System.Globalization;
using System.Management.Automation;
using OssResumable.Core.Planning;

namespace OssResumable.PowerShell.Parameters;

/// <summary>Refuses a <see cref="ThreadCount"/> outside 1 to <see cref="UploadLimits.MaxThreads"/>, saying both accepted forms.</summary>
internal sealed class ValidateThreadCountAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        object value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is ThreadCount { Count: int count } && (count < 1 || count > UploadLimits.MaxThreads))
        {
            throw new ValidationMetadataException(string.Format(
                CultureInfo.InvariantCulture, "{0} threads is out of range: {1}.", count, ThreadCount.Expected));
        }
    }
}
