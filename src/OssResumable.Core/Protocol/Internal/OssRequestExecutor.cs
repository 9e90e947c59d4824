using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using Polly;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// Sends operations: builds and signs a fresh request for every attempt (so a retry re-reads the
/// body from its start and is signed with the current clock and credentials), runs the attempts
/// through the retry pipeline and turns every failure into a typed exception.
/// </summary>
internal sealed class OssRequestExecutor : IDisposable
{
    /// <summary>Bodies from this size on ask for <c>100-continue</c>, so an auth error arrives before gigabytes are sent.</summary>
    internal const long ExpectContinueThreshold = 1024 * 1024;

    private const int MaxErrorBodyBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly OssEndpoint _endpoint;
    private readonly OssRequestSigner _signer;
    private readonly IOssCredentialsProvider _credentials;
    private readonly ResiliencePipeline _pipeline;
    private readonly bool _retries;
    private readonly TimeSpan _idleTimeout;
    private readonly string _userAgent;

    public OssRequestExecutor(OssClientOptions options, IOssCredentialsProvider credentials, HttpMessageHandler? handler, ServerClock clock)
    {
        ValidateOptions(options);
        _endpoint = OssEndpoint.Resolve(options);
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _signer = new OssRequestSigner(options.SignatureVersion, _endpoint.Region);
        _pipeline = OssRetryPipeline.Create(options.MaxRetries, options.RetryBaseDelay, options.RetryMaxDelay, options.RetryObserver);
        _retries = options.MaxRetries > 0;
        _idleTimeout = options.IdleTimeout;
        _userAgent = options.UserAgent;
        Clock = clock;
        handler ??= OssHttpHandlerFactory.Create(options.MaxConnectionsPerServer, options.Proxy);

        // The idle watchdog bounds each attempt; HttpClient's own total timeout would kill long parts.
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public OssEndpoint Endpoint => _endpoint;

    public ServerClock Clock { get; }

    public async Task<T> SendAsync<T>(OssOperation operation, Func<OssResponse, CancellationToken, Task<T>> onSuccess, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // The first attempt runs outside the retry pipeline (almost every request succeeds at once, and the
        // pipeline costs several async layers per request). A failure the pipeline would retry is handed to
        // it as the outcome of its own first attempt, so delays, notices and the retry count are the
        // pipeline's exactly as if it had made that attempt itself.
        ExceptionDispatchInfo firstFailure;
        try
        {
            return await AttemptAsync(operation, onSuccess, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_retries && OssRetryPipeline.IsRetryable(ex))
        {
            firstFailure = ExceptionDispatchInfo.Capture(ex);
        }

        bool replayed = false;
        async Task<T> Attempt(CancellationToken token)
        {
            if (!replayed)
            {
                replayed = true;
                firstFailure.Throw();
            }

            return await AttemptAsync(operation, onSuccess, token).ConfigureAwait(false);
        }

        if (operation.RetryObserver is null)
        {
            return await _pipeline.ExecuteAsync(async token => await Attempt(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        // The per-request observer travels in the resilience context, where the pipeline's OnRetry finds it.
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(OssRetryPipeline.RequestObserverKey, operation.RetryObserver);
            return await _pipeline.ExecuteAsync(
                async (ctx, _) => await Attempt(ctx.CancellationToken).ConfigureAwait(false),
                context,
                0).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _http.Dispose();

    private static void ValidateOptions(OssClientOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (options.MaxRetries < 0 || options.MaxRetries > 100)
        {
            throw new ArgumentException("MaxRetries must be between 0 (no retries) and 100; it is " + options.MaxRetries + ".", nameof(options));
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay || options.RetryMaxDelay > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("RetryBaseDelay must be zero or more and RetryMaxDelay at least RetryBaseDelay and at most one hour.", nameof(options));
        }

        if (options.MaxConnectionsPerServer < 1)
        {
            throw new ArgumentException("MaxConnectionsPerServer must be at least 1 (and at least the number of parallel uploads).", nameof(options));
        }

        if (options.IdleTimeout != Timeout.InfiniteTimeSpan && (options.IdleTimeout <= TimeSpan.Zero || options.IdleTimeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentException("IdleTimeout must be positive (at most about 24 days) or Timeout.InfiniteTimeSpan.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent))
        {
            throw new ArgumentException("UserAgent must not be empty.", nameof(options));
        }

        HeaderValues.EnsureValid("User-Agent", options.UserAgent);
    }

    // HttpRequestException -> AuthenticationException on .NET 8+; on .NET Framework a WebException
    // (TrustFailure) sits in between.
    private static AuthenticationException? FindTlsFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException tls)
            {
                return tls;
            }
        }

        return null;
    }

    // A DNS answer that the name does not exist (not a temporary resolver failure): SocketException on
    // .NET, WebException NameResolutionFailure on .NET Framework.
    private static bool IsHostNotFound(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData }
                || e is System.Net.WebException { Status: System.Net.WebExceptionStatus.NameResolutionFailure })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTransportFailure(Exception exception) =>
        exception is HttpRequestException or IOException or SocketException or OperationCanceledException or ObjectDisposedException;

    private async Task<T> AttemptAsync<T>(OssOperation operation, Func<OssResponse, CancellationToken, Task<T>> onSuccess, CancellationToken token)
    {
        operation.AttemptCount++;
        OssCredentials credentials = await _credentials.GetCredentialsAsync(token).ConfigureAwait(false);
        using var watchdog = new IdleWatchdog(token, _idleTimeout);
        using var request = BuildRequest(operation, watchdog, out UploadContent? upload);
        _signer.Sign(request, operation, credentials, Clock.UtcNow);

        HttpResponseMessage? response = null;
        bool succeeded = false;
        bool detached = false;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, watchdog.Token).ConfigureAwait(false);
            watchdog.ResetNow();
            if (!response.IsSuccessStatusCode)
            {
                throw await CreateServiceErrorAsync(response, operation, credentials, watchdog, token).ConfigureAwait(false);
            }

            var success = new OssResponse(response, upload, watchdog, operation);
            T result = await onSuccess(success, watchdog.Token).ConfigureAwait(false);
            detached = success.Detached;
            succeeded = true;
            return result;
        }
        catch (Exception ex) when (ex is not OssException && token.IsCancellationRequested)
        {
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new OperationCanceledException(operation.Name + " was cancelled (" + operation.Describe() + ").", ex, token);
        }
        catch (Exception ex) when (ex is not OssException && upload?.SourceFailure is not null)
        {
            // The file, not the network, failed: surface the original error; retrying cannot help.
            ExceptionDispatchInfo.Capture(upload.SourceFailure).Throw();
            throw;
        }
        catch (Exception ex) when (ex is not OssException && FindTlsFailure(ex) is AuthenticationException tls)
        {
            string host = request.RequestUri!.Authority;
            throw new OssTlsException(
                operation.Name + " could not set up a TLS connection to " + host + ": " + tls.Message + " (" + operation.Describe() + "). " + OssTlsException.TrustAdvice,
                ex,
                operation.Name,
                operation.Bucket,
                operation.Key,
                host);
        }
        catch (Exception ex) when (ex is not OssException && watchdog.TimedOut)
        {
            throw new OssTransportException(
                operation.Name + " timed out: no progress for " + watchdog.IdleTimeout.TotalSeconds + " s (" + operation.Describe() + ").",
                ex,
                operation.Name,
                operation.Bucket,
                operation.Key,
                isTimeout: true);
        }
        catch (Exception ex) when (IsTransportFailure(ex) && IsHostNotFound(ex))
        {
            // A region or endpoint typo ends here (oss-<typo>.aliyuncs.com does not exist): name the host,
            // which .NET's message does not always do.
            string host = request.RequestUri!.Host;
            throw new OssTransportException(
                operation.Name + " failed: the host name '" + host + "' could not be resolved (DNS): " + ex.Message + " (" + operation.Describe() + ").",
                ex,
                operation.Name,
                operation.Bucket,
                operation.Key,
                isTimeout: false,
                unresolvedHost: host);
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            throw new OssTransportException(
                operation.Name + " failed: " + ex.Message + " (" + operation.Describe() + ").", ex, operation.Name, operation.Bucket, operation.Key, isTimeout: false);
        }
        catch (Exception ex) when (ex is XmlException or FormatException or InvalidDataException)
        {
            // A success status with a body we cannot read: a truncating proxy or a broken server. Treat it
            // like a transport failure so that it is retried.
            throw new OssTransportException(
                operation.Name + " returned a response that could not be read: " + ex.Message + " (" + operation.Describe() + ").",
                ex,
                operation.Name,
                operation.Bucket,
                operation.Key,
                isTimeout: false);
        }
        finally
        {
            if (!succeeded)
            {
                upload?.RollbackProgress();
            }

            if (!detached)
            {
                response?.Dispose();
            }
        }
    }

    private HttpRequestMessage BuildRequest(OssOperation operation, IdleWatchdog watchdog, out UploadContent? upload)
    {
        var request = new HttpRequestMessage(operation.Method, _endpoint.BuildUri(operation.Bucket, operation.Key, operation.Query));
        upload = null;
        try
        {
            if (operation.Body is not null)
            {
                upload = new UploadContent(operation.Body, operation.Progress, watchdog, operation.BandwidthLimiter);
                request.Content = upload;
                foreach (var header in operation.ContentHeaders)
                {
                    upload.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                if (operation.Body.Length >= ExpectContinueThreshold)
                {
                    request.Headers.ExpectContinue = true;
                }
            }
            else if (operation.ContentHeaders.Count > 0)
            {
                throw new InvalidOperationException(operation.Name + " has content headers but no body.");
            }

            foreach (var header in operation.Headers)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    private async Task<OssServiceException> CreateServiceErrorAsync(
        HttpResponseMessage response, OssOperation operation, OssCredentials usedCredentials, IdleWatchdog watchdog, CancellationToken token)
    {
        var (body, length) = await ResponseBody.ReadAsync(response, MaxErrorBodyBytes, failWhenLarger: false, watchdog, watchdog.Token).ConfigureAwait(false);
        var error = OssErrorParser.Create(
            (int)response.StatusCode,
            body,
            length,
            ResponseHeaders.Get(response, "x-oss-err"),
            ResponseHeaders.RequestId(response),
            ResponseHeaders.Get(response, "x-oss-ec"),
            operation);

        if (error.ErrorCode == OssErrorCodes.RequestTimeTooSkewed && response.Headers.Date is { } serverTime)
        {
            // Go v2 does the same: trust the server's clock for this and every later request.
            Clock.AdjustTo(serverTime);
            error.RetryAfterCorrection = true;
        }
        else if (error.ErrorCode == OssErrorCodes.SecurityTokenExpired)
        {
            OssCredentials fresh = await _credentials.GetCredentialsAsync(token).ConfigureAwait(false);
            error.RetryAfterCorrection = !fresh.Equals(usedCredentials);
        }

        return error;
    }
}
