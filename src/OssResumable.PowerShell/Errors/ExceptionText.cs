using System;

namespace OssResumable.PowerShell.Errors;

/// <summary>The text of an exception as a user should read it.</summary>
internal static class ExceptionText
{
    /// <summary>
    /// The exception's message without the parameter suffix an <see cref="ArgumentException"/> appends
    /// (" (Parameter 'endpoint')" on .NET, "Parameter name: endpoint" on .NET Framework): it names a
    /// parameter of our code, not one of the cmdlet's, so it only confuses.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The message to show.</returns>
    public static string ForUser(Exception exception) => exception is ArgumentException { ParamName: { } name }
        ? exception.Message
            .Replace(" (Parameter '" + name + "')", string.Empty)
            .Replace(Environment.NewLine + "Parameter name: " + name, string.Empty)
        : exception.Message;
}
