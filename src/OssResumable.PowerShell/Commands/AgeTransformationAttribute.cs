using System;
using System.Management.Automation;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Parameters;

namespace OssResumable.PowerShell.Commands;

/// <summary>Lets -OlderThan take a TimeSpan, a number of days, or text such as <c>7d</c>, <c>36h</c>, <c>90m</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class AgeTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        try
        {
            return AgeParser.Parse(value);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentTransformationMetadataException(ExceptionText.ForUser(ex), ex);
        }
    }
}
