using System;

namespace OssResumable.Core.Planning;

/// <summary>
/// An upload cannot be planned with the given file size and part size. Thrown before any request is
/// sent, so nothing has to be cleaned up. The message says what would work.
/// </summary>
public sealed class UploadPlanningException : ArgumentOutOfRangeException
{
    private readonly string? _message;

    /// <summary>Creates the exception (for serializers and tests; prefer the detailed constructor).</summary>
    public UploadPlanningException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and what would work.</param>
    public UploadPlanningException(string message)
        : base(null, message)
    {
        _message = message;
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what would work.</param>
    /// <param name="innerException">The cause.</param>
    public UploadPlanningException(string message, Exception? innerException)
        : base(message, innerException)
    {
        _message = message;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why planning failed.</param>
    /// <param name="message">What went wrong and what would work.</param>
    /// <param name="parameterName">The argument at fault.</param>
    /// <param name="smallestWorkablePartSize">The smallest part size that would work, when one exists.</param>
    public UploadPlanningException(UploadPlanningFailure reason, string message, string? parameterName, long? smallestWorkablePartSize)
        : base(parameterName, message)
    {
        Reason = reason;
        _message = message;
        SmallestWorkablePartSize = smallestWorkablePartSize;
    }

    /// <summary>Why planning failed.</summary>
    public UploadPlanningFailure Reason { get; }

    /// <summary>
    /// For <see cref="UploadPlanningFailure.TooManyParts"/>: the smallest part size (bytes) that keeps the
    /// file within 10,000 parts; otherwise <see langword="null"/>.
    /// </summary>
    public long? SmallestWorkablePartSize { get; }

    /// <summary>The explanation, without the "Parameter name" suffix .NET appends to argument errors.</summary>
    public override string Message => _message ?? base.Message;
}
