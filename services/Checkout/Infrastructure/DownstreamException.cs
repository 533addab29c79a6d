namespace Platform.Checkout.Infrastructure;

/// <summary>How a call to another service failed.</summary>
public enum DownstreamFailure
{
    /// <summary>No answer: connection refused, timeout, circuit open (→ 503).</summary>
    Unreachable,
    /// <summary>The service answered with a 5xx (→ 502).</summary>
    Failed,
    /// <summary>The service rejected the request (4xx) (→ 400 when it is the client's fault).</summary>
    Rejected,
}

/// <summary>A call to another service failed; carries what the problem response needs.</summary>
public sealed class DownstreamException(string service, DownstreamFailure failure, int? statusCode, string detail, Exception? inner = null, IDictionary<string, string[]>? errors = null)
    : Exception($"{service}: {detail}", inner)
{
    public string Service { get; } = service;
    public DownstreamFailure Failure { get; } = failure;
    public int? StatusCode { get; } = statusCode;
    public string Detail { get; } = detail;
    /// <summary>Validation errors of a 400 answer, by field.</summary>
    public IDictionary<string, string[]>? Errors { get; } = errors;
}
