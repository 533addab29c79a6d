namespace Platform.ServiceDefaults.Downstream;

/// <summary>
/// How a call to another service failed, each kind with one status the calling service answers
/// (the table is in ServiceDefaults/README.md, "Downstream failures").
/// </summary>
public enum DownstreamFailure
{
    /// <summary>The service refused the request because of what our caller sent (400, 404, 409, 422, ...): its status and field errors are passed on.</summary>
    Rejected,

    /// <summary>The service answered, but with a 5xx other than 503/504, an answer that cannot be read, or a refusal of us (401, 403, 407): 502 Bad Gateway.</summary>
    Failed,

    /// <summary>The service could not be reached (connection refused, DNS, open circuit breaker), sheds load (429) or says it is unavailable (503): 503 Service Unavailable.</summary>
    Unavailable,

    /// <summary>The service did not answer in time (attempt or total timeout, 408), or says something behind it did not (504): 504 Gateway Timeout.</summary>
    TimedOut,
}
