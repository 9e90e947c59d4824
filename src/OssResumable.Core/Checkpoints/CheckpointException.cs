using System;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// A checkpoint could not be loaded, saved or locked. <see cref="Reason"/> says why; the inner exception,
/// if any, is the I/O or JSON error behind it.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException()
        : this("The checkpoint could not be used.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CheckpointException(string message)
        : base(message)
    {
        Reason = CheckpointFailureReason.Corrupt;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CheckpointException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = CheckpointFailureReason.Corrupt;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the checkpoint could not be used.</param>
    /// <param name="checkpointPath">The checkpoint file, if known.</param>
    /// <param name="message">What went wrong, for people.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CheckpointException(CheckpointFailureReason reason, string? checkpointPath, string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = reason;
        CheckpointPath = checkpointPath;
    }

    /// <summary>Why the checkpoint could not be used.</summary>
    public CheckpointFailureReason Reason { get; }

    /// <summary>The checkpoint file, if known.</summary>
    public string? CheckpointPath { get; }

    /// <summary>
    /// For a checkpoint that could not be trusted (checksum mismatch, invalid content, unsupported
    /// version): the upload it seems to describe, read without trusting it, so the caller can try to abort
    /// that upload instead of orphaning its parts. <see langword="null"/> when nothing could be read.
    /// Aborting an upload ID that does not exist is harmless (the server answers NoSuchUpload).
    /// </summary>
    internal CheckpointUploadHint? UntrustedUpload { get; set; }
}
