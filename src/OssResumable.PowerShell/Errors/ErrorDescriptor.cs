using System;

namespace OssResumable.PowerShell.Errors;

/// <summary>Everything an <c>ErrorRecord</c> is built from, decided without a PowerShell runtime.</summary>
internal sealed class ErrorDescriptor
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="exception">The exception to report (its message is the error's message).</param>
    /// <param name="errorId">Stable error id (see docs/powershell.md).</param>
    /// <param name="category">The category.</param>
    /// <param name="targetObject">The object the error is about (pipeable to Resume-OssUpload/Stop-OssUpload when an upload exists).</param>
    /// <param name="recommendedAction">What to do, or null.</param>
    /// <param name="message">The message users see when the exception's own would mislead, or null for the exception's.</param>
    public ErrorDescriptor(Exception exception, string errorId, PsErrorCategory category, object? targetObject, string? recommendedAction, string? message = null)
    {
        _message = message;
        Exception = exception;
        ErrorId = errorId;
        Category = category;
        TargetObject = targetObject;
        RecommendedAction = recommendedAction;
    }

    private readonly string? _message;

    /// <summary>The exception.</summary>
    public Exception Exception { get; }

    /// <summary>
    /// The message users see: the one given to the constructor, else the exception's as
    /// <see cref="ExceptionText.ForUser"/> gives it.
    /// </summary>
    public string Message => _message ?? ExceptionText.ForUser(Exception);

    /// <summary>Stable error id.</summary>
    public string ErrorId { get; }

    /// <summary>The category.</summary>
    public PsErrorCategory Category { get; }

    /// <summary>The target object.</summary>
    public object? TargetObject { get; }

    /// <summary>Recommended action, or null.</summary>
    public string? RecommendedAction { get; }
}
