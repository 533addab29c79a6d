using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// One pipeline per named client, kept for the life of the process: IHttpClientFactory recreates its
/// handlers every few minutes, and a breaker rebuilt with them would forget that it is open.
/// Order, outside in: total timeout, retry, circuit breaker, attempt timeout, so each attempt has
/// its own budget and every attempt (not every call) feeds the breaker.
/// </summary>
internal sealed class HttpResiliencePipelines(IOptionsMonitor<HttpResilienceOptions> options)
{
    /// <summary>Set per call by the handler: only idempotent requests may be retried.</summary>
    public static readonly ResiliencePropertyKey<bool> RetryAllowed = new("Platform.Http.RetryAllowed");

    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new();

    public ResiliencePipeline<HttpResponseMessage> Get(string clientName) =>
        _pipelines.GetOrAdd(clientName, static (name, monitor) => Build(monitor.Get(name)), options);

    internal static ResiliencePipeline<HttpResponseMessage> Build(HttpResilienceOptions options)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Context.Properties.GetValue(RetryAllowed, false) && IsTransient(args.Outcome)),
                DelayGenerator = static args => ValueTask.FromResult(RetryAfter(args.Outcome)),
                OnRetry = static args =>
                {
                    // The failed response is dropped for a new attempt: free its connection now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        return pipeline
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>5xx, 408, 429, a connection failure or an attempt that timed out.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500
            || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };

    /// <summary>A server that says when to come back (429/503 Retry-After) is obeyed, up to 30 s; else the backoff.</summary>
    private static TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome)
    {
        var retryAfter = outcome.Result?.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d && d > TimeSpan.Zero && d <= TimeSpan.FromSeconds(30) ? d : null;
    }
}
