using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>RFC 9457 problem details for every error response, each carrying the trace id.</summary>
public static class ProblemDetailsExtensions
{
    /// <summary>
    /// Registers problem details with a <c>traceId</c> extension (the W3C trace id, 32 hex digits, as
    /// searched in Tempo/Grafana), used by the exception handler, the status-code pages and
    /// <c>TypedResults.Problem</c>; an exception turned into a problem is recorded on the request's span.
    /// Called by <c>AddServiceDefaults</c>.
    /// Requests the endpoint cannot bind (malformed JSON, wrong types, a wrong content type, a body too
    /// large) answer a 4xx validation problem naming the field (<see cref="BadRequestExceptionHandler"/>).
    /// <code>builder.AddDefaultProblemDetails();</code>
    /// </summary>
    public static TBuilder AddDefaultProblemDetails<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var activity = context.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpActivityFeature>()?.Activity
                ?? Activity.Current;
            context.ProblemDetails.Extensions["traceId"] = activity?.TraceId.ToHexString() ?? context.HttpContext.TraceIdentifier;
            if (context.Exception is { } exception && activity is { IsAllDataRequested: true })
            {
                // The exception handler raises no event the AspNetCore instrumentation records: put the
                // exception (type, message, stack) on the server span here, for the operator reading the trace.
                activity.AddException(exception);
            }

            BadRequestExceptionHandler.NameTheField(context);
        });
        // Binding failures must reach the exception handler, in every environment, to be answered with
        // the field they concern (by default only Development throws; elsewhere an empty 400 names nothing).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }
}
