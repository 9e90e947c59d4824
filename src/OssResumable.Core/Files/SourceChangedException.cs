using System;
using System.Collections.Generic;
using System.IO;

namespace OssResumable.Core.Files;

/// <summary>
/// The source file changed while it was being read or uploaded, so the bytes already sent may not
/// match the file any more. The upload must not be completed from this state.
/// </summary>
public sealed class SourceChangedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public SourceChangedException()
        : this("The source file changed during the upload.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What changed.</param>
    public SourceChangedException(string message)
        : base(message)
    {
        Details = Array.Empty<string>();
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What changed.</param>
    /// <param name="innerException">The cause.</param>
    public SourceChangedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Details = Array.Empty<string>();
    }

    /// <summary>Creates the exception from a comparison of snapshots.</summary>
    /// <param name="path">The source file.</param>
    /// <param name="changes">What differs.</param>
    /// <param name="details">One sentence per difference, e.g. "size 10 bytes before, 12 bytes now".</param>
    public SourceChangedException(string path, SourceChanges changes, IReadOnlyList<string> details)
        : base(BuildMessage(path, details))
    {
        SourcePath = path;
        Changes = changes;
        Details = details ?? throw new ArgumentNullException(nameof(details));
    }

    /// <summary>The source file, when known.</summary>
    public string? SourcePath { get; }

    /// <summary>What differs.</summary>
    public SourceChanges Changes { get; }

    /// <summary>One sentence per difference.</summary>
    public IReadOnlyList<string> Details { get; }

    private static string BuildMessage(string path, IReadOnlyList<string>? details)
    {
        string what = details is null || details.Count == 0 ? "it changed" : string.Join("; ", details);
        return "The source file '" + path + "' changed during the upload (" + what + "). "
            + "The parts already sent may not match the file, so the upload was not completed.";
    }
}
