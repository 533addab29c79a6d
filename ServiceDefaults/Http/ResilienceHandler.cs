using System.Runtime.ExceptionServices;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Runs each request through the client's resilience pipeline. It sits among the factory's
/// delegating handlers, outside the primary handler where .NET's diagnostics create the client span,
/// so every attempt is its own "GET" client span in the trace. POST and PATCH are never retried
/// (they are not idempotent: a retried charge could charge twice), but they still feed and obey the
/// breaker and the timeouts.
/// </summary>
internal sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline, string clientName) : DelegatingHandler
{
    internal static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
        || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false, cancellationToken);
        context.Properties.Set(HttpResiliencePipelines.RetryAllowed, IsIdempotent(request.Method));
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        var response = await state.Handler.SendCoreAsync(state.Request, ctx.CancellationToken).ConfigureAwait(false);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception exception)
                    {
                        return Outcome.FromException<HttpResponseMessage>(exception);
                    }
                },
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);

            if (outcome.Exception is { } failure)
            {
                throw Translate(failure, request, cancellationToken);
            }

            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    /// <summary>
    /// Callers handle one exception type for "the other service failed": a timeout or an open breaker
    /// becomes an <see cref="HttpRequestException"/> (with Polly's exception inside) that names the
    /// client. The caller's own cancellation stays an OperationCanceledException.
    /// </summary>
    private Exception Translate(Exception failure, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return failure switch
        {
            TimeoutRejectedException timeout => new HttpRequestException(
                $"{request.Method} {request.RequestUri} ({clientName}) timed out after {timeout.Timeout.TotalSeconds:0.###} s.", timeout),
            BrokenCircuitException broken => new HttpRequestException(
                $"{request.Method} {request.RequestUri} ({clientName}) was not sent: the circuit breaker is open after repeated failures.", broken),
            _ => Rethrow(failure),
        };
    }

    private static Exception Rethrow(Exception failure)
    {
        ExceptionDispatchInfo.Throw(failure);
        return failure; // Unreachable: Throw never returns.
    }
}
