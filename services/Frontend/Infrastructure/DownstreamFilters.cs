using Frontend.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Downstream;

namespace Frontend.Infrastructure;

/// <summary>
/// Endpoint filters that turn a failed downstream call into the answer the caller sees: a problem
/// (status and detail passed through) for <c>/api</c>, an error page with the same status for the
/// storefront pages. Both log it and mark the current span failed.
/// </summary>
public static class DownstreamFilters
{
    public static async ValueTask<object?> ProblemFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DownstreamException e)
        {
            Record(context.HttpContext, e);
            return TypedResults.Problem(e.Problem);
        }
    }

    public static async ValueTask<object?> ErrorPageFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DownstreamException e)
        {
            Record(context.HttpContext, e);
            var title = e.StatusCode == StatusCodes.Status404NotFound ? "Not found" : "Something went wrong";
            return HtmlResults.Page(Layout.ErrorPage(e.StatusCode, title, e.Problem.Detail ?? e.Problem.Title), e.StatusCode);
        }
    }

    public static void Record(HttpContext httpContext, DownstreamException e)
    {
        FrontendTelemetry.RecordFailure(e);
        var logger = httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Frontend.Downstream");
        Log.DownstreamFailed(logger, e.Service, e.StatusCode, httpContext.Request.Method, httpContext.Request.Path, e.Problem.Detail);
    }
}
