namespace OssResumable.Emulator;

/// <summary>What a <see cref="FaultRule"/> does to a request it fires on.</summary>
public enum FaultAction
{
    /// <summary>
    /// Answer with an OSS error (<see cref="FaultRule.StatusCode"/>, <see cref="FaultRule.ErrorCode"/>)
    /// without performing the operation. SPEC: <c>action=error</c>.
    /// </summary>
    Error = 0,

    /// <summary>
    /// Read <see cref="FaultRule.ResetAfterBytes"/> bytes of the request body (or all of it, if shorter),
    /// then abort the connection; the operation is not performed. SPEC: <c>action=reset</c>.
    /// </summary>
    ResetConnection,

    /// <summary>
    /// Perform the operation, then wait <see cref="FaultRule.Delay"/> before sending the response
    /// (success or error). SPEC: <c>action=delay</c>.
    /// </summary>
    Delay,

    /// <summary>
    /// Read the request body and write the response body at most <see cref="FaultRule.BytesPerSecond"/>
    /// bytes per second. SPEC: <c>action=throttle</c>.
    /// </summary>
    Throttle,

    /// <summary>
    /// Delete the multipart upload named by the request's <c>uploadId</c> before the operation runs,
    /// so the request (and every later one) gets <c>NoSuchUpload</c>. SPEC: <c>action=vanish</c>.
    /// </summary>
    VanishUpload,

    /// <summary>
    /// Perform the operation but send a wrong <c>x-oss-hash-crc64ecma</c> response header.
    /// SPEC: <c>action=corrupt-crc</c>.
    /// </summary>
    CorruptCrc,

    /// <summary>
    /// Perform the operation (committing it if it succeeds), then abort the connection instead of
    /// sending the response, success or error. SPEC: <c>action=drop-response</c>.
    /// </summary>
    DropResponse,
}
