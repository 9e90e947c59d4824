using System;
using System.Globalization;
using System.Management.Automation;
using OssResumable.PowerShell.Parameters;

namespace OssResumable.PowerShell.Commands;

/// <summary>Lets -Threads take a number or the text <c>Auto</c>, and says both forms when it is neither.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ThreadCountTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        try
        {
            return value switch
            {
                ThreadCount count => count,
                string text => ThreadCount.Parse(text),
                int or long or short or byte or sbyte or ushort or uint or ulong or decimal or double or float =>
                    new ThreadCount(Convert.ToInt32(value, CultureInfo.InvariantCulture)),
                _ => throw new FormatException("'" + value + "' is not a thread count: " + ThreadCount.Expected + "."),
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
        {
            throw new ArgumentTransformationMetadataException(
                ex is FormatException ? ex.Message : "'" + value + "' is not a thread count: " + ThreadCount.Expected + ".", ex);
        }
    }
}
