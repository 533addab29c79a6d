using Microsoft.AspNetCore.Mvc;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Steps;

/// <summary>
/// Why a step stopped the order, in one of three shapes: the shopper's input is wrong (400 with field
/// errors), another service failed (the one table of ServiceDefaults/Downstream, with Checkout's words),
/// or Checkout's own problem. <see cref="Infrastructure.OrderPlacement"/> turns it into the answer and the telemetry.
/// </summary>
public sealed record StepFailure(string Reason, IDictionary<string, string[]>? Errors = null, string? Title = null,
    DownstreamException? Downstream = null, string? What = null, ProblemDetails? Problem = null, Exception? Exception = null)
{
    public static StepFailure Invalid(IDictionary<string, string[]> errors, string title) => new("validation", Errors: errors, Title: title);

    public static StepFailure Failed(DownstreamException ex, string reason, string what) => new(reason, Downstream: ex, What: what);

    public static StepFailure Own(string reason, ProblemDetails problem, Exception? ex = null) => new(reason, Problem: problem, Exception: ex);

    /// <summary>A problem with <paramref name="service"/> named in its <c>service</c> extension (none for Checkout itself).</summary>
    public static ProblemDetails ProblemOf(int status, string title, string detail, string? service)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (service is not null)
        {
            problem.Extensions[DownstreamFailures.ServiceExtension] = service;
        }
        return problem;
    }
}

/// <summary>One named step of placing an order. Returns null when the order may go on.</summary>
public interface ICheckoutStep
{
    /// <summary>The step's name in logs (<c>CheckoutFailed</c>'s step).</summary>
    string Name { get; }

    Task<StepFailure?> RunAsync(OrderContext order, CancellationToken cancellationToken);
}
