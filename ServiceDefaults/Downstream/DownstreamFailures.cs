using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Platform.ServiceDefaults.Downstream;

/// <summary>
/// The one table from a failed call to the answer (ServiceDefaults/README.md, "Downstream failures").
/// Every problem names the service in the extension <see cref="ServiceExtension"/> and, when it
/// answered, its status in <see cref="ServiceStatusExtension"/>; the traceId is added when the
/// problem is written (AddDefaultProblemDetails).
/// </summary>
public static class DownstreamFailures
{
    /// <summary>Problem extension naming the service that failed, e.g. <c>"service": "cart"</c>.</summary>
    public const string ServiceExtension = "service";

    /// <summary>Problem extension with the status that service answered, e.g. <c>"serviceStatus": 500</c>.</summary>
    public const string ServiceStatusExtension = "serviceStatus";

    /// <summary>The status our service answers for a failure of this kind (null: the service's own 4xx is passed on).</summary>
    public static int? StatusFor(DownstreamFailure failure) => failure switch
    {
        DownstreamFailure.Failed => StatusCodes.Status502BadGateway,
        DownstreamFailure.Unavailable => StatusCodes.Status503ServiceUnavailable,
        DownstreamFailure.TimedOut => StatusCodes.Status504GatewayTimeout,
        _ => null,
    };

    /// <summary>
    /// The kind of failure of an answer that is not a success. A 503 or 504 keeps its meaning on the
    /// way back (something on the path is unavailable / did not answer in time), so a caller that
    /// retries on 503 still can; every other 5xx is the service's failure, 502.
    /// </summary>
    public static DownstreamFailure ForStatus(int status) => status switch
    {
        // The service refused us, not our caller's input: our credentials or configuration are wrong.
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status407ProxyAuthenticationRequired => DownstreamFailure.Failed,
        StatusCodes.Status408RequestTimeout or StatusCodes.Status504GatewayTimeout => DownstreamFailure.TimedOut,
        StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable => DownstreamFailure.Unavailable,
        >= 400 and < 500 => DownstreamFailure.Rejected,
        _ => DownstreamFailure.Failed, // 500, 501, 502, 505..., and a 1xx/3xx that HttpClient did not handle
    };

    /// <summary>
    /// The failure of a call that threw, or null when <paramref name="exception"/> is not a failure of
    /// the call (a bug, or our caller's cancellation, which the caller rethrows as it is). Both shapes of
    /// the resilience handlers are understood: Polly's <see cref="TimeoutRejectedException"/> and
    /// <see cref="BrokenCircuitException"/> thrown as they are (Microsoft.Extensions.Http.Resilience's
    /// standard handler) or inside an <see cref="HttpRequestException"/> (the older Platform handler).
    /// </summary>
    public static DownstreamException? FromException(string service, Exception exception, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested)
        {
            return null;
        }

        var failure = Classify(exception);
        if (failure is null)
        {
            return null;
        }

        var detail = failure switch
        {
            DownstreamFailure.TimedOut => $"{service} did not answer in time ({Reason(exception)}).",
            DownstreamFailure.Unavailable when Find<BrokenCircuitException>(exception) is not null =>
                $"{service} is not called for now: its circuit breaker is open after repeated failures.",
            DownstreamFailure.Unavailable => $"{service} cannot be reached ({Reason(exception)}).",
            _ => $"{service} sent an answer that cannot be read ({Reason(exception)}).",
        };
        return new DownstreamException(service, failure.Value, null, Problem(service, failure.Value, null, detail), exception);
    }

    /// <summary>The failure of an answer that is not a success; <paramref name="answered"/> is the service's problem, if it sent a readable one.</summary>
    public static DownstreamException FromResponse(string service, int status, string? reasonPhrase, ProblemDetails? answered)
    {
        var failure = ForStatus(status);
        var detail = answered?.Detail ?? answered?.Title ?? $"{service} answered {status} {reasonPhrase}".TrimEnd() + " without problem details.";
        var problem = Problem(service, failure, status, detail, answered);
        return new DownstreamException(service, failure, status, problem);
    }

    /// <summary>The failure of a success whose body is not what was expected (not JSON, wrong shape, empty).</summary>
    public static DownstreamException Unreadable(string service, int status, Exception? inner, string what) =>
        new(service, DownstreamFailure.Failed, status,
            Problem(service, DownstreamFailure.Failed, status, $"{service} answered {status} with {what}."), inner);

    private static DownstreamFailure? Classify(Exception exception)
    {
        // Polly's own types first, wherever they are in the chain: they say why better than their wrapper.
        if (Find<TimeoutRejectedException>(exception) is not null || Find<TimeoutException>(exception) is not null)
        {
            return DownstreamFailure.TimedOut;
        }

        if (Find<BrokenCircuitException>(exception) is not null)
        {
            return DownstreamFailure.Unavailable;
        }

        if (Find<HttpRequestException>(exception) is { } http)
        {
            return http.HttpRequestError switch
            {
                HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError => DownstreamFailure.Unavailable,
                HttpRequestError.Unknown when Find<SocketException>(http) is { } socket && CannotConnect(socket.SocketErrorCode) => DownstreamFailure.Unavailable,
                // The connection was made, then the answer broke off (reset, ended early) or was not HTTP:
                // the service may have acted on the request, so this is its failure, not "unreachable".
                _ => DownstreamFailure.Failed,
            };
        }

        // Cancelled, but not by our caller: a timeout somewhere below us (HttpClient.Timeout, a handler's budget).
        return exception is OperationCanceledException ? DownstreamFailure.TimedOut : null;
    }

    private static bool CannotConnect(SocketError error) => error is SocketError.ConnectionRefused or SocketError.HostNotFound
        or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.NoData or SocketError.AddressNotAvailable;

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string Reason(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null && innermost is not TimeoutRejectedException)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message.TrimEnd('.');
    }

    private static ProblemDetails Problem(string service, DownstreamFailure failure, int? serviceStatus, string detail, ProblemDetails? answered = null)
    {
        ProblemDetails problem;
        if (failure == DownstreamFailure.Rejected)
        {
            // Our caller's input was wrong: its status, type, title and field errors are passed on as the service wrote them.
            problem = answered is HttpValidationProblemDetails { Errors.Count: > 0 } validation
                ? new HttpValidationProblemDetails(validation.Errors)
                : new ProblemDetails();
            problem.Type = answered?.Type;
            problem.Title = answered?.Title;
            problem.Status = serviceStatus;
        }
        else
        {
            problem = new ProblemDetails
            {
                Title = answered?.Title ?? failure switch
                {
                    DownstreamFailure.Unavailable => $"{service} is unavailable",
                    DownstreamFailure.TimedOut => $"{service} did not answer in time",
                    _ => $"{service} failed",
                },
                Status = StatusFor(failure),
            };
        }

        problem.Detail = detail;
        problem.Extensions[ServiceExtension] = service;
        if (serviceStatus is not null)
        {
            problem.Extensions[ServiceStatusExtension] = serviceStatus;
        }

        return problem;
    }
}
