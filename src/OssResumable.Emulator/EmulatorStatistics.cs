using System.Collections.Generic;

namespace OssResumable.Emulator;

/// <summary>A snapshot of request counters since start (or the last reset).</summary>
public sealed class EmulatorStatistics
{
    internal EmulatorStatistics(
        IReadOnlyDictionary<EmulatorOperation, long> requests,
        IReadOnlyDictionary<string, long> errors,
        IReadOnlyDictionary<EmulatorOperation, long> bodyBytesRead,
        long bytesReceived,
        long bytesSent,
        long connectionsAborted,
        long requestsInProgress,
        long connectionsAccepted)
    {
        Requests = requests;
        Errors = errors;
        BodyBytesRead = bodyBytesRead;
        BytesReceived = bytesReceived;
        BytesSent = bytesSent;
        ConnectionsAborted = connectionsAborted;
        RequestsInProgress = requestsInProgress;
        ConnectionsAccepted = connectionsAccepted;
    }

    /// <summary>OSS requests per operation (admin requests are not counted).</summary>
    public IReadOnlyDictionary<EmulatorOperation, long> Requests { get; }

    /// <summary>Error responses per OSS error code (injected ones included).</summary>
    public IReadOnlyDictionary<string, long> Errors { get; }

    /// <summary>
    /// Request body bytes of PutObject and UploadPart read from the network, per operation, counted
    /// chunk by chunk as they arrive: bodies that were cut short (client gone, reset fault) or
    /// rejected after reading (Content-MD5 mismatch) count too, so this minus <see cref="BytesReceived"/>
    /// is what was transferred in vain. Bytes a request never got to read (refused before its
    /// body, or left in socket buffers when the connection died) are not counted.
    /// </summary>
    public IReadOnlyDictionary<EmulatorOperation, long> BodyBytesRead { get; }

    /// <summary>Object and part body bytes received and stored.</summary>
    public long BytesReceived { get; }

    /// <summary>Object body bytes sent by GetObject.</summary>
    public long BytesSent { get; }

    /// <summary>Connections the emulator aborted on purpose (reset and drop-response faults).</summary>
    public long ConnectionsAborted { get; }

    /// <summary>
    /// TCP connections accepted (over HTTPS: TLS handshakes attempted, failed ones included), so a
    /// test can see whether a client reuses its pooled connections.
    /// </summary>
    public long ConnectionsAccepted { get; }

    /// <summary>
    /// OSS requests being handled at the moment of the snapshot (a gauge, not zeroed by a reset).
    /// Zero after a client died means the emulator has finished with all its requests, including
    /// reading whatever of their bodies still arrived.
    /// </summary>
    public long RequestsInProgress { get; }

    /// <summary>
    /// The most OSS requests in progress at once since start or the last reset (a reset restarts it
    /// from the present <see cref="RequestsInProgress"/>): how many parts a client really had in flight.
    /// </summary>
    public long MaxRequestsInProgress { get; internal init; }

    /// <summary>TCP connections open at the moment of the snapshot (a gauge, not zeroed by a reset).</summary>
    public long ConnectionsOpen { get; internal init; }

    /// <summary>The most connections open at once since start or the last reset.</summary>
    public long MaxConnectionsOpen { get; internal init; }

    /// <summary>
    /// Bytes received on the wire: every byte clients sent that the server has taken (request lines,
    /// headers, bodies, chunk framing, TLS records; the admin API's too) — what crossed the
    /// link model (see <see cref="EmulatorLink"/>), counted with or without one.
    /// </summary>
    public long LinkBytesReceived { get; internal init; }

    /// <summary>Bytes sent on the wire (status lines, headers, bodies, TLS records), counted as they are flushed.</summary>
    public long LinkBytesSent { get; internal init; }

    /// <summary>The number of requests for one operation.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The count (0 when none).</returns>
    public long GetRequestCount(EmulatorOperation operation) => Requests.TryGetValue(operation, out long count) ? count : 0;

    /// <summary>The request body bytes of one operation read so far (see <see cref="BodyBytesRead"/>).</summary>
    /// <param name="operation">The operation (PutObject or UploadPart; 0 for the others).</param>
    /// <returns>The byte count (0 when none).</returns>
    public long GetBodyBytesRead(EmulatorOperation operation) => BodyBytesRead.TryGetValue(operation, out long bytes) ? bytes : 0;

    /// <summary>The number of error responses with one error code.</summary>
    /// <param name="code">The OSS error code, for example <c>NoSuchUpload</c>.</param>
    /// <returns>The count (0 when none).</returns>
    public long GetErrorCount(string code) => Errors.TryGetValue(code, out long count) ? count : 0;
}
