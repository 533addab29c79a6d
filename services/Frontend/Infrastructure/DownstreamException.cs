using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Frontend.Infrastructure;

/// <summary>
/// A call to another service of the shop failed. <see cref="Problem"/> is the problem details the
/// service answered (or one written here when it answered none or could not be reached), and its
/// status is what the frontend passes on to its caller.
/// </summary>
public sealed class DownstreamException(string service, ProblemDetails problem, Exception? inner = null)
    : Exception($"{service} failed with {problem.Status}: {problem.Detail ?? problem.Title}", inner)
{
    /// <summary>The service that failed, e.g. <c>cart</c>.</summary>
    public string Service { get; } = service;

    /// <summary>The problem to pass on; <see cref="ProblemDetails.Status"/> is always set.</summary>
    public ProblemDetails Problem { get; } = problem;

    public int StatusCode => Problem.Status ?? StatusCodes.Status502BadGateway;

    /// <summary>Field errors when the service answered a validation problem, else empty.</summary>
    public IDictionary<string, string[]> Errors =>
        (Problem as HttpValidationProblemDetails)?.Errors ?? new Dictionary<string, string[]>();
}
