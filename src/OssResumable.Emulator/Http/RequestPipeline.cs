using System;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using OssResumable.Emulator.Faults;
using OssResumable.Emulator.Operations;
using OssResumable.Emulator.Storage;
using OssResumable.Emulator.Xml;

namespace OssResumable.Emulator.Http;

/// <summary>
/// Handles every HTTP request: common headers, raw-target parsing, admin routing, addressing,
/// authentication, fault injection, the operation, and the OSS-shaped answer (or error).
/// </summary>
internal sealed class RequestPipeline
{
    private static readonly Action<ILogger, string, string, EmulatorOperation, int, string, double, Exception?> LogRequest =
        LoggerMessage.Define<string, string, EmulatorOperation, int, string, double>(
            LogLevel.Debug,
            new EventId(1, "Request"),
            "{Method} {Resource} {Operation} -> {Status} {Code} {ElapsedMs:F1} ms");

    private static readonly Action<ILogger, string, Exception?> LogFailure =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(2, "Failure"), "Request {RequestId} failed with an internal error.");

    private readonly EmulatorRuntime _runtime;
    private readonly Authenticator _authenticator;
    private readonly AdminEndpoints _admin;
    private readonly RequestIdGenerator _ids = new();

    public RequestPipeline(EmulatorRuntime runtime)
    {
        _runtime = runtime;
        _authenticator = new Authenticator(runtime.Credentials, runtime.Clock, runtime.Region);
        _admin = new AdminEndpoints(runtime);
    }

    public async Task HandleAsync(HttpContext context)
    {
        long started = Stopwatch.GetTimestamp();
        string requestId = _ids.Next();
        HttpResponse response = context.Response;
        response.Headers["x-oss-request-id"] = requestId;
        response.Headers.Server = "AliyunOSS";
        response.Headers.Date = _runtime.Clock.UtcNow.ToString("r", CultureInfo.InvariantCulture);

        OssRequest? request = null;
        FaultPlan plan = FaultPlan.None;
        string code = string.Empty;
        bool inProgress = false;
        try
        {
            string rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "/";
            RequestTarget target = RequestTarget.Parse(rawTarget);
            if (AdminEndpoints.IsAdminPath(target.RawPath) && !IsVirtualHosted(context))
            {
                code = "(admin)";
                await _admin.HandleAsync(context, target);
                return;
            }

            request = OssRequest.Create(context, target, _runtime.HostDomain, requestId);
            _runtime.Statistics.BeginRequest();
            inProgress = true;
            _runtime.Statistics.CountRequest(request.Operation);
            _authenticator.Authenticate(request);

            plan = _runtime.Faults.Evaluate(new FaultTarget(request.Operation, request.Bucket, request.Key, request.PartNumberOrNull, request.UploadId));
            if (plan.ResetAfterBytes is long resetAfter)
            {
                await ResetAfterAsync(context, request.Operation, resetAfter);
                code = "(reset)";
                return;
            }

            if (plan.VanishUpload)
            {
                Vanish(request);
            }

            if (plan.Error is FaultRule injected)
            {
                throw new ErrorResponseException(injected.StatusCode, injected.ErrorCode, injected.ErrorMessage ?? "Injected fault (" + injected.Id + ").", "0099-00000099");
            }

            request.BytesPerSecond = plan.BytesPerSecond;
            using OssResult result = await OperationDispatcher.ExecuteAsync(_runtime, request);
            if (plan.CorruptCrc)
            {
                result.CorruptCrc();
            }

            if (!await DelayAsync(context, plan.Delay))
            {
                code = "(client gone)";
                return;
            }

            if (plan.DropResponse)
            {
                AbortConnection(context);
                code = "(dropped)";
                return;
            }

            await WriteResultAsync(context, request, result);
        }
        catch (ErrorResponseException ex) when (!response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            code = ex.Code;
            _runtime.Statistics.CountError(ex.Code);
            if (!await DelayAsync(context, plan.Delay))
            {
                code += " (client gone)";
            }
            else if (plan.DropResponse)
            {
                AbortConnection(context);
                code += " (dropped)";
            }
            else
            {
                await WriteErrorAsync(context, request, requestId, ex);
            }
        }
        catch (Exception ex) when (IsClientGone(context, ex))
        {
            // The client went away (or sent a truncated body): there is nobody to answer.
            code = "(client gone)";
        }
        catch (Exception ex) when (!response.HasStarted)
        {
            code = "InternalError";
            _runtime.Statistics.CountError(code);
            if (_runtime.Logger is ILogger logger)
            {
                LogFailure(logger, requestId, ex);
            }

            await WriteErrorAsync(context, request, requestId, OssErrors.InternalError());
        }
        finally
        {
            if (inProgress)
            {
                _runtime.Statistics.EndRequest();
            }

            if (_runtime.Logger is ILogger logger && logger.IsEnabled(LogLevel.Debug))
            {
                // Never the query string or headers: they can carry signatures and STS tokens.
                string resource = "/" + (request?.Bucket ?? string.Empty) + (request?.Key is string key ? "/" + key : string.Empty);
                LogRequest(logger, context.Request.Method, resource, request?.Operation ?? EmulatorOperation.Unsupported, response.StatusCode, code, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
            }
        }
    }

    /// <summary>The error document OSS sends (also base64 in <c>x-oss-err</c> for HEAD).</summary>
    public static byte[] BuildErrorXml(ErrorResponseException error, string requestId, string hostId)
    {
        using var xml = new XmlBuilder("Error", sanitize: true);
        xml.Element("Code", error.Code)
            .Element("Message", error.Message)
            .Element("RequestId", requestId)
            .Element("HostId", hostId);
        foreach ((string name, string value) in error.Extras)
        {
            xml.Element(name, value);
        }

        xml.Element("EC", error.Ec)
            .Element("RecommendDoc", "https://api.aliyun.com/troubleshoot?q=" + error.Ec);
        return xml.ToArray();
    }

    // Disk errors are IOExceptions too; only the connection-level ones mean the client left.
    private static bool IsClientGone(HttpContext context, Exception ex) =>
        context.RequestAborted.IsCancellationRequested || ex is BadHttpRequestException or ConnectionResetException;

    private static async Task WriteErrorAsync(HttpContext context, OssRequest? request, string requestId, ErrorResponseException error)
    {
        HttpResponse response = context.Response;
        string hostId = context.Request.Host.Value ?? string.Empty;
        byte[] xml = BuildErrorXml(error, requestId, hostId);
        response.StatusCode = error.StatusCode;
        response.Headers["x-oss-ec"] = error.Ec;
        foreach ((string name, string value) in error.Headers)
        {
            response.Headers[name] = value;
        }

        response.ContentType = "application/xml";
        response.ContentLength = xml.Length;
        if (HttpMethods.IsHead(request?.Method ?? context.Request.Method))
        {
            response.Headers["x-oss-err"] = Convert.ToBase64String(xml);
            return;
        }

        await response.Body.WriteAsync(xml, context.RequestAborted);
    }

    private bool IsVirtualHosted(HttpContext context) =>
        OssRequest.VirtualHostedBucket(context.Request.Host.Host, _runtime.HostDomain) is not null;

    private async Task WriteResultAsync(HttpContext context, OssRequest request, OssResult result)
    {
        HttpResponse response = context.Response;
        response.StatusCode = result.StatusCode;
        foreach ((string name, string value) in result.Headers)
        {
            response.Headers.Append(name, value);
        }

        if (result.Body is byte[] body)
        {
            response.ContentLength = body.Length;
            if (!HttpMethods.IsHead(request.Method))
            {
                await response.Body.WriteAsync(body, context.RequestAborted);
            }
        }
        else if (result.ObjectBody is ObjectBody objectBody)
        {
            response.ContentLength = objectBody.Length;
            long sent = await objectBody.WriteToAsync(response.Body, request.BytesPerSecond, context.RequestAborted);
            _runtime.Statistics.AddSent(sent);
        }
        else if (result.HeadContentLength is long headLength)
        {
            response.ContentLength = headLength;
        }
        else if (result.StatusCode is not (204 or 304))
        {
            response.ContentLength = 0;
        }
    }

    /// <summary>Waits out a delay fault; false when the client disconnected meanwhile.</summary>
    private static async Task<bool> DelayAsync(HttpContext context, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(delay, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ResetAfterAsync(HttpContext context, EmulatorOperation operation, long afterBytes)
    {
        PipeReader reader = context.Request.BodyReader;
        long consumed = 0;
        while (consumed < afterBytes)
        {
            ReadResult read = await reader.ReadAsync(context.RequestAborted);
            long take = Math.Min(read.Buffer.Length, afterBytes - consumed);
            consumed += take;
            if (operation is EmulatorOperation.PutObject or EmulatorOperation.UploadPart)
            {
                _runtime.Statistics.AddBodyRead(operation, take);
            }

            reader.AdvanceTo(read.Buffer.GetPosition(take));
            if (read.IsCompleted && take == read.Buffer.Length)
            {
                break;
            }
        }

        AbortConnection(context);
    }

    private void AbortConnection(HttpContext context)
    {
        _runtime.Statistics.CountAbort();
        context.Abort();
    }

    private void Vanish(OssRequest request)
    {
        if (request.Bucket is null || string.IsNullOrEmpty(request.UploadId) || !_runtime.Store.TryGetBucket(request.Bucket, out BucketState? bucket))
        {
            return;
        }

        if (_runtime.Store.FindUpload(bucket!, request.UploadId) is UploadRecord upload)
        {
            _runtime.Store.TryAbort(upload);
        }
    }
}
