using System;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace OssResumable.Core.Protocol.Internal;

/// <summary>
/// Builds the client's single Polly pipeline: exponential backoff with jitter, retrying only
/// failures that <see cref="OssException.IsRetryable"/> classes as transient. Caller cancellation
/// is never retried and interrupts backoff delays at once.
/// </summary>
internal static class OssRetryPipeline
{
    /// <summary>Carries the per-request observer (<see cref="OssOperation.RetryObserver"/>) through the pipeline.</summary>
    public static readonly ResiliencePropertyKey<Action<OssRetryNotice>> RequestObserverKey = new("OssResumable.RequestRetryObserver");

    public static ResiliencePipeline Create(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, Action<OssRetryNotice>? observer)
    {
        if (maxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        var options = new RetryStrategyOptions
        {
            MaxRetryAttempts = maxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = baseDelay,
            MaxDelay = maxDelay,
            ShouldHandle = args => new ValueTask<bool>(IsRetryable(args.Outcome.Exception)),
            OnRetry = args =>
            {
                args.Context.Properties.TryGetValue(RequestObserverKey, out Action<OssRetryNotice>? requestObserver);
                if ((observer is not null || requestObserver is not null) && args.Outcome.Exception is OssException failure)
                {
                    var notice = new OssRetryNotice(failure.Operation, failure.Bucket, failure.Key, args.AttemptNumber + 1, args.RetryDelay, failure);
                    if (observer is not null)
                    {
                        Notify(observer, notice);
                    }

                    if (requestObserver is not null)
                    {
                        Notify(requestObserver, notice);
                    }
                }

                return default;
            },
        };

        return new ResiliencePipelineBuilder().AddRetry(options).Build();
    }

    /// <summary>The retry predicate: only OSS failures the protocol classes as transient.</summary>
    public static bool IsRetryable(Exception? exception) => exception is OssException { IsRetryable: true };

    private static void Notify(Action<OssRetryNotice> observer, OssRetryNotice notice)
    {
        try
        {
            observer(notice);
        }
#pragma warning disable CA1031 // A logging callback must not turn a retry into a failure.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
