using System;
using System.IO;
using OssResumable.Core.Checkpoints;
using OssResumable.Core.Files;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.Parameters;

namespace OssResumable.PowerShell.Errors;

/// <summary>
/// Turns an exception into an error id, a category and a target object. The ids are stable (scripts
/// may match <c>$_.FullyQualifiedErrorId</c> on them; the list is in docs/powershell.md). Whenever an
/// upload id is known the target object is an <see cref="OssMultipartUpload"/> carrying the local
/// path and checkpoint, so <c>$Error[0].TargetObject | Resume-OssUpload</c> or <c>| Stop-OssUpload</c> works.
/// </summary>
internal static class ErrorMapper
{
    private const string UnexpectedId = "OssUnexpectedError";

    /// <summary>Maps an exception.</summary>
    /// <param name="exception">What went wrong.</param>
    /// <param name="context">What the cmdlet knows about the failed item.</param>
    /// <returns>The descriptor.</returns>
    public static ErrorDescriptor Map(Exception exception, ErrorContext context)
    {
        if (exception is null)
        {
            throw new ArgumentNullException(nameof(exception));
        }

        ErrorContext known = (context ?? new ErrorContext()).Clone();
        Exception cause = Unwrap(exception, known, out bool wrapped);
        (string id, PsErrorCategory category, string? action) = Classify(cause, known);
        if (wrapped && id == UnexpectedId)
        {
            // The engine said the upload failed, but its cause has no specific id.
            (id, category) = (EngineErrors.UploadFailedId, PsErrorCategory.InvalidOperation);
        }

        if (category == PsErrorCategory.OperationStopped || (wrapped && action is null))
        {
            // Work was left behind (an upload id, a checkpoint): say how to finish it.
            action = ResumeHint(known) ?? action;
        }

        return new ErrorDescriptor(exception, id, category, BuildTarget(known), action, ExplainedMessage(cause, exception, known));
    }

    /// <summary>
    /// Whether an exception is the failure of one item (a file, an upload) found before its work starts,
    /// which the command reports and goes on from: bad input, a local file or checkpoint problem, missing
    /// credentials or endpoint. Anything else is a bug and propagates.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for an item's failure.</returns>
    public static bool IsItemFailure(Exception exception) =>
        exception is ArgumentException or IOException or UnauthorizedAccessException or CheckpointException or OssConfigurationException;

    /// <summary>
    /// The target object: an <see cref="OssMultipartUpload"/> when bucket, key and upload id are known,
    /// else the local path, else <c>oss://bucket/key</c>, else null.
    /// </summary>
    /// <param name="context">What is known.</param>
    /// <returns>The target object.</returns>
    public static object? BuildTarget(ErrorContext context)
    {
        if (context.Bucket is not null && context.Key is not null && context.UploadId is not null)
        {
            return new OssMultipartUpload(context.Bucket, context.Key, context.UploadId)
            {
                Endpoint = context.Endpoint,
                Region = context.Region,
                SignatureVersion = context.SignatureVersion,
                PathStyle = context.PathStyle,
                LocalPath = context.LocalPath,
                CheckpointPath = context.CheckpointPath,
            };
        }

        if (context.LocalPath is not null)
        {
            return context.LocalPath;
        }

        if (context.Bucket is not null)
        {
            return "oss://" + context.Bucket + "/" + (context.Key ?? string.Empty);
        }

        return null;
    }

    private static Exception Unwrap(Exception exception, ErrorContext known, out bool wrapped)
    {
        wrapped = false;
        Exception current = exception;
        while (true)
        {
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
            {
                current = aggregate.InnerExceptions[0];
                continue;
            }

            if (EngineErrors.TryUnwrap(current, known) is Exception inner)
            {
                wrapped = true;
                current = inner;
                continue;
            }

            break;
        }

        if (current is OssException oss)
        {
            known.Bucket ??= oss.Bucket;
            known.Key ??= oss.Key;
        }
        else if (current is CheckpointException checkpoint)
        {
            known.CheckpointPath ??= checkpoint.CheckpointPath;
        }

        return current;
    }

    private static (string Id, PsErrorCategory Category, string? Action) Classify(Exception cause, ErrorContext known)
    {
        if (EngineErrors.TryClassify(cause) is { } engine)
        {
            return engine;
        }

        switch (cause)
        {
            case OssConfigurationException configuration:
                return configuration.Failure switch
                {
                    OssConfigurationFailure.CredentialsNotFound => ("OssCredentialsNotFound", PsErrorCategory.AuthenticationError, "Set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, or pass -Credential."),
                    OssConfigurationFailure.EndpointNotFound => ("OssEndpointNotFound", PsErrorCategory.InvalidArgument, "Pass -Endpoint or -Region."),
                    _ => ("OssConfigurationInvalid", PsErrorCategory.InvalidArgument, null),
                };
            case OssServiceException service:
                return ClassifyService(service, known);
            case OssTransportException { UnresolvedHost: { } host }:
                return ("OssHostNotFound", PsErrorCategory.ConnectionError, RegionAdvice.CheckHost(host, known.Region) + (ResumeHint(known) is { } resume ? " " + resume : string.Empty));
            case OssTransportException transport:
                return transport.IsTimeout
                    ? ("OssTimeout", PsErrorCategory.OperationTimeout, ResumeHint(known))
                    : ("OssConnectionFailed", PsErrorCategory.ConnectionError, ResumeHint(known) ?? CheckReachable(known));
            case OssTlsException:
                // Not retried and not resumable by waiting: the machine must trust the endpoint's certificate first.
                return ("OssTlsFailed", PsErrorCategory.SecurityError, "Make the endpoint's certificate (or its CA) trusted by the operating system, then run the command again.");
            case OssChecksumMismatchException:
                return ("OssChecksumMismatch", PsErrorCategory.InvalidResult, ResumeHint(known));
            case UploadPlanningException planning:
                return planning.Reason == UploadPlanningFailure.FileTooLarge
                    ? ("OssFileTooLarge", PsErrorCategory.LimitsExceeded, null)
                    : ("OssPartSizeInvalid", PsErrorCategory.InvalidArgument, "Choose another -PartSize, or omit it to let it be chosen automatically.");
            case CheckpointException checkpoint:
                return ClassifyCheckpoint(checkpoint);
            case SourceChangedException:
                return ("OssSourceChanged", PsErrorCategory.InvalidData, "Upload the file again once nothing writes to it.");
            case OperationCanceledException:
                return ("OssOperationCanceled", PsErrorCategory.OperationStopped, ResumeHint(known));
            case FileNotFoundException:
            case DirectoryNotFoundException:
                return ("OssLocalFileNotFound", PsErrorCategory.ObjectNotFound, null);
            case UnauthorizedAccessException:
                return ("OssLocalFileAccessDenied", PsErrorCategory.PermissionDenied, null);
            case IOException:
                return ("OssLocalFileReadError", PsErrorCategory.ReadError, ResumeHint(known));
            case DuplicateObjectKeyException:
                return ("OssDuplicateKey", PsErrorCategory.ResourceExists, "To keep the folders of a recursive listing in the keys, add -RelativeTo with the folder you listed (Get-ChildItem -File -Recurse DIR | Send-OssFile -RelativeTo DIR ...); otherwise send such files in separate commands with different -KeyPrefix values.");
            case ArgumentException:
                return ("OssInvalidArgument", PsErrorCategory.InvalidArgument, null);
            default:
                return (UnexpectedId, PsErrorCategory.NotSpecified, null);
        }
    }

    private static (string, PsErrorCategory, string?) ClassifyService(OssServiceException service, ErrorContext known)
    {
        if (service.IsInvalidSigningRegion)
        {
            // Not an argument the user can see: the region in the V4 signature. Not transient, so no resume hint.
            return ("OssInvalidSigningRegion", PsErrorCategory.InvalidArgument, RegionAdvice.CheckRegion(known.Region));
        }

        string code = service.ErrorCode.Length > 0 ? service.ErrorCode : "Http" + service.StatusCode;
        string id = "Oss" + code;
        switch (service.ErrorCode)
        {
            case OssErrorCodes.SignatureDoesNotMatch:
                // OSS checks the V4 signing region before the signature (a wrong one is OssInvalidSigningRegion),
                // so a mismatch here is the secret.
                return (id, PsErrorCategory.AuthenticationError, "Check the AccessKey secret (see about_OssResumable, CREDENTIALS).");
            case OssErrorCodes.InvalidAccessKeyId:
            case OssErrorCodes.SecurityTokenExpired:
            case OssErrorCodes.InvalidSecurityToken:
                return (id, PsErrorCategory.AuthenticationError, "Check the credentials (see about_OssResumable, CREDENTIALS).");
            case OssErrorCodes.RequestTimeTooSkewed:
                return (id, PsErrorCategory.AuthenticationError, "Correct the computer's clock.");
            case OssErrorCodes.NoSuchUpload:
                return (id, PsErrorCategory.ObjectNotFound, "The upload was completed or aborted; start the upload again with Send-OssFile.");
            case OssErrorCodes.NoSuchBucket:
                return (id, PsErrorCategory.ObjectNotFound, "Check -Bucket and -Endpoint/-Region (buckets live in one region).");
            case OssErrorCodes.FileAlreadyExists:
                return (id, PsErrorCategory.ResourceExists, "The object exists and -NoOverwrite keeps it. To skip files whose object already holds the same content, use -SkipUnchanged instead; to replace the object, omit -NoOverwrite.");
        }

        PsErrorCategory category = service.StatusCode switch
        {
            401 => PsErrorCategory.AuthenticationError,
            403 => PsErrorCategory.PermissionDenied,
            404 => PsErrorCategory.ObjectNotFound,
            409 => PsErrorCategory.ResourceExists,
            429 => PsErrorCategory.LimitsExceeded,
            >= 500 => PsErrorCategory.ResourceUnavailable,
            _ => PsErrorCategory.InvalidOperation,
        };
        return (id, category, service.IsRetryable ? ResumeHint(known) : null);
    }

    // The message users see when the exception's own would mislead them (it is kept after it: it names the
    // file and the RequestId); null keeps the exception's.
    private static string? ExplainedMessage(Exception cause, Exception reported, ErrorContext known) => cause is OssServiceException { IsInvalidSigningRegion: true }
        ? RegionAdvice.SigningRegionRefused(known.Region, reported.Message)
        : null;

    private static (string, PsErrorCategory, string?) ClassifyCheckpoint(CheckpointException checkpoint) => checkpoint.Reason switch
    {
        CheckpointFailureReason.NotFound => ("OssCheckpointNotFound", PsErrorCategory.ObjectNotFound, null),
        CheckpointFailureReason.Locked => ("OssCheckpointLocked", PsErrorCategory.ResourceBusy, "Another Send-OssFile or Resume-OssUpload is working on this file and object; wait for it to finish."),
        CheckpointFailureReason.Unreadable => ("OssCheckpointUnreadable", PsErrorCategory.ReadError, null),
        CheckpointFailureReason.WriteFailed => ("OssCheckpointWriteFailed", PsErrorCategory.WriteError, "Check free space and permissions of the checkpoint directory, or use -CheckpointDirectory."),
        CheckpointFailureReason.UnsupportedVersion => ("OssCheckpointUnsupportedVersion", PsErrorCategory.InvalidData, "Update OssResumable to resume this upload."),
        _ => ("OssCheckpointInvalid", PsErrorCategory.InvalidData, null),
    };

    // Nothing to resume (a single PUT, a listing): what is left to do is to make the endpoint reachable.
    private static string CheckReachable(ErrorContext known) =>
        "Check that " + (known.Endpoint ?? "the endpoint") + " is reachable from this machine (address, port, proxy, firewall), then run the command again.";

    private static string? ResumeHint(ErrorContext known)
    {
        if (known.CheckpointPath is not null)
        {
            return new Uploads.ResumeCommandText().FromCheckpoint(known.CheckpointPath);
        }

        if (known.Bucket is not null && known.Key is not null && known.UploadId is not null && known.LocalPath is not null)
        {
            return new Uploads.ResumeCommandText().FromUploadId(known.Bucket, known.Key, known.UploadId, known.LocalPath);
        }

        return null;
    }
}
