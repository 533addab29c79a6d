using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>RFC 9457 problem details for every error response, each carrying the trace id.</summary>
public static class ProblemDetailsExtensions
{
    /// <summary>
    /// Registers problem details with a <c>traceId</c> extension (the W3C trace id, 32 hex digits, as
    /// searched in Tempo/Grafana), used by the exception handler, the status-code pages and
    /// <c>TypedResults.Problem</c>. Called by <c>AddServiceDefaults</c>.
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
        });
        return builder;
    }
}
