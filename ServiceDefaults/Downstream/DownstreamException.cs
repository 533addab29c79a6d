using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults.Downstream;

/// <summary>
/// A call to another service failed. <see cref="Problem"/> is the answer the calling service gives
/// its own caller, with the status of the one table (<see cref="DownstreamFailure"/>), the extension
/// <c>service</c> naming the service that failed and, when it answered, <c>serviceStatus</c>.
/// Thrown by <see cref="DownstreamHttpExtensions"/>; never for our caller's own cancellation.
/// </summary>
public sealed class DownstreamException(string service, DownstreamFailure failure, int? serviceStatusCode, ProblemDetails problem, Exception? inner = null)
    : Exception($"{service}: {problem.Detail ?? problem.Title} ({failure}, answered {serviceStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"})", inner)
{
    /// <summary>The service that failed, e.g. <c>cart</c>.</summary>
    public string Service { get; } = service;

    /// <summary>What kind of failure it was.</summary>
    public DownstreamFailure Failure { get; } = failure;

    /// <summary>The status the service answered; null when it gave no answer (unreachable, timed out, breaker open).</summary>
    public int? ServiceStatusCode { get; } = serviceStatusCode;

    /// <summary>The problem to answer with; <see cref="ProblemDetails.Status"/> is always set.</summary>
    public ProblemDetails Problem { get; } = problem;

    /// <summary>The status to answer with: the service's own for <see cref="DownstreamFailure.Rejected"/>, else 502, 503 or 504.</summary>
    public int StatusCode => Problem.Status ?? StatusCodes.Status502BadGateway;

    /// <summary>The problem's detail (never null).</summary>
    public string Detail => Problem.Detail ?? Problem.Title ?? Service + " failed";

    /// <summary>Field errors of a validation problem the service answered, else empty.</summary>
    public IDictionary<string, string[]> Errors =>
        (Problem as HttpValidationProblemDetails)?.Errors ?? new Dictionary<string, string[]>();

    /// <summary>
    /// A new problem with the same status and extensions, for a service that words the failure for its
    /// own caller (Checkout: "Payment failed; you were not charged."), so the status and the
    /// <c>service</c> fields stay those of the one table.
    /// </summary>
    public ProblemDetails ToProblemDetails(string? title = null, string? detail = null)
    {
        ProblemDetails copy = Errors.Count > 0 ? new HttpValidationProblemDetails(Errors) : new ProblemDetails();
        copy.Type = Problem.Type;
        copy.Title = title ?? Problem.Title;
        copy.Status = StatusCode;
        copy.Detail = detail ?? Problem.Detail;
        foreach (var (key, value) in Problem.Extensions)
        {
            copy.Extensions[key] = value;
        }

        return copy;
    }
}
